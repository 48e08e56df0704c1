package infra_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/infra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// registry.hosts[].requestsPerSecond and maxConcurrent, from a YAML file
// through Load and Build: a source host at maxConcurrent: 1 never has two
// requests under way, and at requestsPerSecond: 25 gets its N requests
// over at least (N-1)/25 s; the same file without the keys lets requests
// overlap there.
func TestRegistryHostLimitsWired(t *testing.T) {
	src := registrytest.NewCountProxy(t, registrytest.Distribution(t, ""), 5*time.Millisecond)
	want := registrytest.PushIndex(t, src.Host+"/team/app:v1", 1024, 6, 2)
	yaml := fmt.Sprintf("registry:\n  jobs: 8\n  hosts:\n    - host: %q\n      tls: disabled\n      requestsPerSecond: 25\n      maxConcurrent: 1\n", src.Host)
	without := strings.NewReplacer("      requestsPerSecond: 25\n", "", "      maxConcurrent: 1\n", "").Replace(yaml)
	for _, c := range []struct {
		name, yaml string
		limited    bool
	}{{"without", without, false}, {"with", yaml, true}} {
		t.Run(c.name, func(t *testing.T) {
			svc, dst := build(t, c.yaml), registrytest.InMemory(t)
			src.Reset()
			start := time.Now()
			task, err := svc.Sync(context.Background(), core.SyncRequest{Source: core.Endpoint{Image: src.Host + "/team/app:v1"},
				Target: core.Endpoint{Image: dst + "/" + c.name + "/app:v1"}})
			took := time.Since(start)
			require.NoError(t, err)
			assert.Equal(t, want, task.Digest)
			if !c.limited {
				assert.Greater(t, src.Most(), int64(1), "requests overlap without maxConcurrent")
				return
			}
			assert.Equal(t, int64(1), src.Most(), "maxConcurrent: 1")
			n := src.Requests()
			assert.GreaterOrEqual(t, took, time.Duration(float64(n-1)/25*float64(time.Second)), "%d requests at 25 a second", n)
		})
	}
}

func TestRegistryHostLimitsRefused(t *testing.T) {
	_, err := infra.Load(write(t, `registry:
  hosts:
    - {host: a.example, requestsPerSecond: -1}
    - {host: b.example, requestsPerSecond: 20000}
    - {host: c.example, maxConcurrent: 2000}
    - {host: d.example, maxConcurrent: 1.5}
`), env(nil))
	require.Error(t, err)
	for _, s := range []string{"registry.hosts[0].requestsPerSecond: must be more than 0",
		"registry.hosts[1].requestsPerSecond: must be more than 0", "registry.hosts[2].maxConcurrent: must be between 1 and 1024",
		"maxConcurrent: must be a whole number"} {
		assert.Contains(t, err.Error(), s)
	}
}

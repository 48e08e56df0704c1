package infra_test

import (
	"context"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/infra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoadRegistryMaxWait(t *testing.T) {
	cfg, err := infra.Load(write(t, "registry: {jobs: 2}\n"), env(nil))
	require.NoError(t, err)
	assert.Nil(t, cfg.Registry.MaxWait, "absent: the engine's default")
	for yaml, want := range map[string]time.Duration{"10m": 10 * time.Minute, "90s": 90 * time.Second, "0": 0, "0s": 0, "24h": 24 * time.Hour} {
		cfg, err := infra.Load(write(t, "registry:\n  maxWait: "+yaml+"\n"), env(nil))
		require.NoError(t, err, yaml)
		require.NotNil(t, cfg.Registry.MaxWait, yaml)
		assert.Equal(t, want, *cfg.Registry.MaxWait, yaml)
	}
	for _, yaml := range []string{"-1s", "25h", "soon", "[1m]"} {
		_, err := infra.Load(write(t, "registry:\n  maxWait: "+yaml+"\n"), env(nil))
		require.ErrorIs(t, err, core.ErrInvalid, yaml)
		assert.Contains(t, err.Error(), "registry.maxWait", yaml)
	}
}

// registry.maxWait reaches the engine: 0 fails a 429 with Retry-After at
// once, the default waits it out.
func TestRegistryMaxWaitWired(t *testing.T) {
	a, b := registrytest.InMemory(t), registrytest.InMemory(t)
	want := registrytest.PushIndex(t, a+"/app:v1", 512, 1, 1)
	sync := func(yaml string) (core.Task, time.Duration, error) {
		p := registrytest.NewFaultProxy(t, a, 1, 1, registrytest.Fault429)
		p.SetRetryAfter(1)
		var once atomic.Bool
		p.Only(func(r *http.Request) bool {
			return strings.Contains(r.URL.Path, "/manifests/") && once.CompareAndSwap(false, true)
		})
		cfg, err := infra.Load(write(t, yaml), env(nil))
		require.NoError(t, err)
		svc, err := infra.Build(cfg, infra.NewLogger(os.Stderr, cfg.Log))
		require.NoError(t, err)
		start := time.Now()
		task, err := svc.Sync(context.Background(), core.SyncRequest{Engine: core.EngineRegistry,
			Source: core.Endpoint{Image: p.Host + "/app:v1"}, Target: core.Endpoint{Image: b + "/app"}})
		return task, time.Since(start), err
	}

	_, took, err := sync("registry:\n  maxWait: 0s\n")
	require.ErrorIs(t, err, core.ErrThrottled)
	assert.Equal(t, time.Second, core.RetryAfter(err))
	assert.Contains(t, err.Error(), "over the max wait of 0s")
	assert.Less(t, took, 500*time.Millisecond)

	task, took, err := sync("registry: {jobs: 2}\n")
	require.NoError(t, err)
	assert.Equal(t, want, task.Digest)
	assert.GreaterOrEqual(t, took, time.Second)
}

package registry_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sync/errgroup"
)

// A no-op sync of many tags at once costs one manifest HEAD per tag per
// side, and one ping per registry: syncs that start together share the
// first one's authenticated client.
func TestNoopTagsAtOnceCostOneHeadPerSide(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	registrytest.PushIndex(t, src+"/app:t0", 512, 1, 2)
	const tags = 16
	for i := 1; i < tags; i++ {
		registrytest.Copy(t, src+"/app:t0", fmt.Sprintf("%s/app:t%d", src, i))
	}
	for i := range tags {
		registrytest.Copy(t, fmt.Sprintf("%s/app:t%d", src, i), fmt.Sprintf("%s/app:t%d", dst, i))
	}
	count := func(host string, m map[string]*atomic.Int64) string {
		for _, k := range []string{"ping", "HEAD manifest", "other"} {
			m[k] = &atomic.Int64{}
		}
		return proxy(t, host, func(w http.ResponseWriter, r *http.Request, next http.Handler) {
			switch {
			case r.URL.Path == "/v2/":
				m["ping"].Add(1)
			case r.Method == http.MethodHead && strings.Contains(r.URL.Path, "/manifests/"):
				m["HEAD manifest"].Add(1)
			default:
				m["other"].Add(1)
			}
			next.ServeHTTP(w, r)
		})
	}
	srcN, dstN := map[string]*atomic.Int64{}, map[string]*atomic.Int64{}
	s, d := count(src, srcN), count(dst, dstN)
	e, err := reg.New()
	require.NoError(t, err)
	var g errgroup.Group
	for i := range tags {
		g.Go(func() error {
			task, err := e.Sync(context.Background(), core.SyncRequest{
				Source: core.Endpoint{Image: fmt.Sprintf("%s/app:t%d", s, i)}, Target: core.Endpoint{Image: fmt.Sprintf("%s/app:t%d", d, i)}})
			if err == nil && !task.Skipped {
				err = fmt.Errorf("t%d was copied again", i)
			}
			return err
		})
	}
	require.NoError(t, g.Wait())
	for side, m := range map[string]map[string]*atomic.Int64{"source": srcN, "target": dstN} {
		assert.EqualValues(t, 1, m["ping"].Load(), side)
		assert.EqualValues(t, tags, m["HEAD manifest"].Load(), side)
		assert.EqualValues(t, 0, m["other"].Load(), side)
	}
}

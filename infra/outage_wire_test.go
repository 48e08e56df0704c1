package infra_test

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/infra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func outageService(t *testing.T) *core.Service {
	t.Helper()
	cfg, err := infra.Load(write(t, "registry: {jobs: 2}\n"), env(nil))
	require.NoError(t, err)
	svc, err := infra.Build(cfg, infra.NewLogger(io.Discard, cfg.Log))
	require.NoError(t, err)
	return svc
}

// A target registry that is down when the sync starts (connection
// refused: its first ping fails) and comes up two seconds later gets the
// image within the sync's deadline (before, the sync failed at once).
func TestSyncOutlivesARegistryStartingLateWired(t *testing.T) {
	src := registrytest.InMemory(t)
	want := registrytest.PushIndex(t, src+"/app:v1", 4<<10, 1, 2)
	dst := registrytest.FreeAddr(t) // nothing listens there yet
	svc := outageService(t)

	ctx, cancel := context.WithTimeout(t.Context(), 60*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		_, err := svc.Sync(ctx, core.SyncRequest{Source: core.Endpoint{Image: src + "/app:v1"}, Target: core.Endpoint{Image: dst + "/app:v1"}})
		done <- err
	}()
	select {
	case err := <-done:
		t.Fatalf("the sync ended while the registry was down: %v", err)
	case <-time.After(2 * time.Second):
	}
	registrytest.DistributionAt(t, dst, "")
	require.NoError(t, <-done)
	assert.Equal(t, want, registrytest.Digest(t, dst+"/app:v1"))
}

// A registry that stays down fails the sync as unavailable once the
// deadline comes near, saying why; not internal, and not after it.
func TestSyncToARegistryThatStaysDownWired(t *testing.T) {
	src := registrytest.InMemory(t)
	registrytest.PushIndex(t, src+"/app:v1", 4<<10, 1, 1)
	dst := registrytest.FreeAddr(t)
	svc := outageService(t)

	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Second)
	defer cancel()
	start := time.Now()
	task, err := svc.Sync(ctx, core.SyncRequest{Source: core.Endpoint{Image: src + "/app:v1"}, Target: core.Endpoint{Image: dst + "/app:v1"}})
	require.Error(t, err)
	assert.Equal(t, "unavailable", core.KindOf(err), err.Error())
	assert.Contains(t, err.Error(), "connection refused")
	assert.Equal(t, core.StatusFailed, task.Status)
	assert.Less(t, time.Since(start), 10*time.Second)
}

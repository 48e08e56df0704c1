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

// Two identical syncs run once; when the first caller gives up mid-copy,
// the second's sync goes on and succeeds (before, it shared the first
// caller's cancellation and failed with it).
func TestSharedSyncOutlivesItsFirstCallerWired(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	want := registrytest.PushIndex(t, src+"/app:v1", 64<<10, 1, 1)
	gate := registrytest.NewGateProxy(t, src)
	cfg, err := infra.Load(write(t, "registry: {jobs: 2}\n"), env(nil))
	require.NoError(t, err)
	svc, err := infra.Build(cfg, infra.NewLogger(io.Discard, cfg.Log))
	require.NoError(t, err)
	req := core.SyncRequest{Source: core.Endpoint{Image: gate.Host + "/app:v1"}, Target: core.Endpoint{Image: dst + "/app:v1"}}

	type outcome struct {
		task core.Task
		err  error
	}
	firstCtx, cancelFirst := context.WithCancel(t.Context())
	first, second := make(chan outcome, 1), make(chan outcome, 1)
	go func() { task, err := svc.Sync(firstCtx, req); first <- outcome{task, err} }()
	<-gate.Held // the first sync is mid-copy
	go func() { task, err := svc.Sync(t.Context(), req); second <- outcome{task, err} }()
	time.Sleep(200 * time.Millisecond) // the second joins the first's run (were it late, it would run its own and pass either way)

	cancelFirst()
	got := <-first
	require.ErrorIs(t, got.err, context.Canceled)
	gate.Open()
	got = <-second
	require.NoError(t, got.err)
	assert.Equal(t, core.StatusSuccess, got.task.Status)
	assert.Equal(t, want, registrytest.Digest(t, dst+"/app:v1"))
}

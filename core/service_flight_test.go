package core_test

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ctxEngine syncs until released or until its context ends, and hands out
// the context it got.
type ctxEngine struct {
	ctxs    chan context.Context
	release chan struct{}
}

func (e *ctxEngine) Name() string { return core.EngineRegistry }
func (e *ctxEngine) Sync(ctx context.Context, _ core.SyncRequest) (core.Task, error) {
	e.ctxs <- ctx
	select {
	case <-e.release:
		return core.Task{Status: core.StatusSuccess, Digest: "sha256:x"}, nil
	case <-ctx.Done():
		return core.Task{}, ctx.Err()
	}
}

// Two identical syncs share one run; the first caller's cancellation ends
// its own wait, not the second's sync (before, the second shared the
// first's cancellation and failed with it), and the second's deadline is
// the one the engine sees.
func TestServiceSharedSyncOutlivesItsFirstCaller(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := &ctxEngine{ctxs: make(chan context.Context, 2), release: make(chan struct{})}
		s := core.New(core.WithEngine(e))
		first, cancelFirst := context.WithTimeout(t.Context(), time.Minute)
		second, cancelSecond := context.WithTimeout(t.Context(), time.Hour)
		defer cancelSecond()
		type got struct {
			task core.Task
			err  error
		}
		firstOut, secondOut := make(chan got, 1), make(chan got, 1)
		go func() { task, err := s.Sync(first, plain()); firstOut <- got{task, err} }()
		synctest.Wait()
		go func() { task, err := s.Sync(second, plain()); secondOut <- got{task, err} }()
		synctest.Wait()
		engineCtx := <-e.ctxs
		dl, ok := engineCtx.Deadline()
		require.True(t, ok)
		assert.Equal(t, time.Now().Add(time.Hour), dl, "the engine plans for the caller who waits longest")

		cancelFirst()
		r := <-firstOut
		require.ErrorIs(t, r.err, context.Canceled)
		synctest.Wait()
		require.NoError(t, engineCtx.Err(), "the second caller still waits")

		close(e.release)
		r = <-secondOut
		require.NoError(t, r.err)
		assert.Equal(t, core.StatusSuccess, r.task.Status)
		assert.Empty(t, e.ctxs, "one engine call")
	})
}

// A sync whose only caller gives up ends CANCELED, not FAILED: the caller
// gets the task, and the history keeps it.
func TestServiceSyncGivenUpIsCanceled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := &ctxEngine{ctxs: make(chan context.Context, 1), release: make(chan struct{})}
		s := core.New(core.WithEngine(e))
		ctx, cancel := context.WithCancel(t.Context())
		type got struct {
			task core.Task
			err  error
		}
		out := make(chan got, 1)
		go func() { task, err := s.Sync(ctx, plain()); out <- got{task, err} }()
		<-e.ctxs
		cancel()
		r := <-out
		require.ErrorIs(t, r.err, context.Canceled)
		assert.Equal(t, core.StatusCanceled, r.task.Status)
		stored, err := s.Task(t.Context(), r.task.ID)
		require.NoError(t, err)
		assert.Equal(t, core.StatusCanceled, stored.Status)
	})
}

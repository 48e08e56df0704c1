package core_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeEngine records the requests it gets and answers with fn.
type fakeEngine struct {
	name  string
	calls atomic.Int32
	fn    func(core.SyncRequest) (core.Task, error)
}

func (f *fakeEngine) Name() string { return f.name }
func (f *fakeEngine) Sync(_ context.Context, r core.SyncRequest) (core.Task, error) {
	f.calls.Add(1)
	if f.fn != nil {
		return f.fn(r)
	}
	return core.Task{Status: core.StatusSuccess, Digest: "sha256:x"}, nil
}

func plain() core.SyncRequest {
	return core.SyncRequest{Source: img("r.io/a:v1"), Target: img("s.io/a:v1")}
}

func TestServiceRoutes(t *testing.T) {
	reg, acrE, hss := &fakeEngine{name: "registry"}, &fakeEngine{name: "acr"}, &fakeEngine{name: "hss"}
	s := core.New(core.WithEngine(reg), core.WithEngine(acrE), core.WithEngine(hss))
	ctx := context.Background()

	task, err := s.Sync(ctx, plain())
	require.NoError(t, err)
	assert.Equal(t, "registry", task.Engine)
	assert.Regexp(t, `^registry:[0-9a-f]{24}$`, task.ID)
	assert.Equal(t, core.StatusSuccess, task.Status)

	_, err = s.Sync(ctx, core.SyncRequest{Source: acr("ns", "repo", "v1"), Target: acr("ns2", "repo", "")})
	require.NoError(t, err)
	assert.EqualValues(t, 1, acrE.calls.Load())

	// ACR -> plain registry goes through the copy engine.
	_, err = s.Sync(ctx, core.SyncRequest{Source: acr("ns", "repo", "v1"), Target: img("s.io/a")})
	require.NoError(t, err)
	assert.EqualValues(t, 2, reg.calls.Load())

	got, err := s.Task(ctx, task.ID)
	require.NoError(t, err)
	assert.Equal(t, task.ID, got.ID)
}

func TestServiceUnconfiguredEngine(t *testing.T) {
	s := core.New(core.WithEngine(&fakeEngine{name: "registry"}))
	_, err := s.Sync(context.Background(), core.SyncRequest{Source: swr("t", "a", "v"), Target: swr("u", "a", "")})
	require.ErrorIs(t, err, core.ErrInvalid)
	assert.Contains(t, err.Error(), "engine swr is not configured")

	_, err = s.Sync(context.Background(), core.SyncRequest{Source: img("r.io/a:b"), Target: img("s.io/a"), Engine: "acr"})
	require.ErrorIs(t, err, core.ErrInvalid)
	assert.Equal(t, []string{"engine"}, fields(err))
}

func TestServiceFailureKeepsKind(t *testing.T) {
	e := &fakeEngine{name: "registry", fn: func(core.SyncRequest) (core.Task, error) {
		return core.Task{}, core.Errorf(core.ErrConflict, "target tag holds another digest")
	}}
	s := core.New(core.WithEngine(e))
	task, err := s.Sync(context.Background(), plain())
	require.ErrorIs(t, err, core.ErrConflict)
	assert.Equal(t, core.StatusFailed, task.Status)
	assert.Equal(t, "conflict", task.Error.Kind)
	stored, err := s.Task(context.Background(), task.ID)
	require.NoError(t, err)
	assert.Equal(t, core.StatusFailed, stored.Status)
}

func TestServiceDeduplicatesInFlight(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		e := &fakeEngine{name: "registry", fn: func(core.SyncRequest) (core.Task, error) {
			<-release
			return core.Task{Status: core.StatusSuccess}, nil
		}}
		s := core.New(core.WithEngine(e))
		var wg sync.WaitGroup
		ids := make([]string, 5)
		for i := range ids {
			wg.Go(func() {
				task, err := s.Sync(context.Background(), plain())
				assert.NoError(t, err)
				ids[i] = task.ID
			})
		}
		synctest.Wait() // every sync waits: one in the engine, four for it
		close(release)
		wg.Wait()
		assert.EqualValues(t, 1, e.calls.Load())
		for _, id := range ids {
			assert.Equal(t, ids[0], id)
		}
	})
}

func TestServiceAfterSteps(t *testing.T) {
	hss := &fakeEngine{name: "hss", fn: func(r core.SyncRequest) (core.Task, error) {
		assert.Equal(t, "s.io/a:v1", r.Source.Image)
		return core.Task{Status: core.StatusPending}, nil
	}}
	s := core.New(core.WithEngine(&fakeEngine{name: "registry"}), core.WithEngine(hss))
	req := plain()
	req.After = []string{"hss"}
	task, err := s.Sync(context.Background(), req)
	require.NoError(t, err)
	require.Len(t, task.After, 1)
	assert.Equal(t, "hss", task.After[0].Engine)
	assert.EqualValues(t, 1, hss.calls.Load())
}

func TestServiceTasksPages(t *testing.T) {
	s := core.New(core.WithEngine(&fakeEngine{name: "registry"}))
	for _, tag := range []string{"a", "b", "c"} {
		_, err := s.Sync(context.Background(), core.SyncRequest{Source: img("r.io/x:" + tag), Target: img("s.io/x")})
		require.NoError(t, err)
	}
	page, err := s.Tasks(context.Background(), core.TaskQuery{PageSize: 2})
	require.NoError(t, err)
	assert.Equal(t, 3, page.Total)
	assert.Len(t, page.Tasks, 2)
	page, err = s.Tasks(context.Background(), core.TaskQuery{Page: 2, PageSize: 2})
	require.NoError(t, err)
	assert.Len(t, page.Tasks, 1)
	_, err = s.Task(context.Background(), "registry:nope")
	require.ErrorIs(t, err, core.ErrNotFound)
}

func BenchmarkValidateAndRoute(b *testing.B) {
	s := core.New(core.WithEngine(&fakeEngine{name: "registry"}), core.WithHistory(0))
	req := core.SyncRequest{Source: img("registry.example.com:5000/team/app/web:v1.2.3"), Target: img("mirror.example.org/team/app/web")}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Sync(ctx, req); err != nil {
			b.Fatal(err)
		}
	}
}

func TestKindOfStatus(t *testing.T) {
	for status, want := range map[int]error{400: core.ErrInvalid, 401: core.ErrUnauthorized, 403: core.ErrForbidden,
		404: core.ErrNotFound, 408: core.ErrUnavailable, 409: core.ErrConflict, 422: core.ErrInvalid,
		429: core.ErrThrottled, 500: core.ErrUnavailable, 503: core.ErrUnavailable, 302: core.ErrUnavailable} {
		assert.ErrorIs(t, core.KindOfStatus(status), want, status)
	}
}

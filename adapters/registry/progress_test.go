package registry_test

import (
	"context"
	gosync "sync"
	"testing"
	"time"

	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The context's progress hook follows a copy: calls while it runs, then one
// final call whose totals are the blobs moved; a no-op sync calls nothing.
func TestProgressHook(t *testing.T) {
	a, b := registrytest.InMemory(t), registrytest.InMemory(t)
	registrytest.PushIndex(t, a+"/app:v1", 2<<20, 2, 2)
	var mu gosync.Mutex
	var got []reg.Progress
	ctx := reg.WithProgressHook(context.Background(), time.Millisecond, func(p reg.Progress) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, p)
	})
	e, err := reg.New(reg.WithProgress(0))
	require.NoError(t, err)
	task, err := e.Sync(ctx, copyReq(a+"/app:v1", b+"/app"))
	require.NoError(t, err)
	mu.Lock()
	require.NotEmpty(t, got)
	last := got[len(got)-1]
	mu.Unlock()
	assert.True(t, last.Final)
	assert.Equal(t, task.Bytes, last.Done)
	assert.Equal(t, last.Total, last.Done)
	assert.GreaterOrEqual(t, last.Done, int64(8<<20))
	assert.Equal(t, a+"/app:v1", last.Source)
	assert.Positive(t, last.Rate())
	for _, p := range got[:len(got)-1] {
		assert.False(t, p.Final)
		assert.LessOrEqual(t, p.Done, last.Done)
	}

	n := len(got)
	task, err = e.Sync(ctx, copyReq(a+"/app:v1", b+"/app"))
	require.NoError(t, err)
	assert.True(t, task.Skipped)
	assert.Len(t, got, n, "a no-op sync reports no progress")
}

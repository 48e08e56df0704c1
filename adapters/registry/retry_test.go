package registry_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var fastRetry = reg.Retry{Attempts: 10, Base: 2 * time.Millisecond, Max: 20 * time.Millisecond}

func copyReq(src, dst string) core.SyncRequest {
	return core.SyncRequest{Source: core.Endpoint{Image: src}, Target: core.Endpoint{Image: dst}}
}

// Every copy completes with identical digests although a fifth of the
// requests to the source and to the target fail in every way we know.
func TestCopyThroughFaults(t *testing.T) {
	a, b := registrytest.InMemory(t), registrytest.InMemory(t)
	all := []registrytest.Fault{registrytest.Fault503, registrytest.Fault429, registrytest.FaultDrop, registrytest.FaultTruncate}
	pa := registrytest.NewFaultProxy(t, a, 0.2, 1, all...)
	pb := registrytest.NewFaultProxy(t, b, 0.2, 2, all...)
	pa.Cut(2) // the draw alone may cut no body, depending on how requests interleave
	e, err := reg.New(reg.WithRetry(fastRetry), reg.WithJobs(4))
	require.NoError(t, err)
	for i := range 4 {
		want := registrytest.PushIndex(t, fmt.Sprintf("%s/app:v%d", a, i), 256<<10, 2, 2)
		task, err := e.Sync(context.Background(), copyReq(fmt.Sprintf("%s/app:v%d", pa.Host, i), pb.Host+"/mirror/app"))
		require.NoError(t, err, "copy %d", i)
		assert.Equal(t, want, task.Digest)
		assert.Equal(t, want, registrytest.Digest(t, fmt.Sprintf("%s/mirror/app:v%d", b, i)))
	}
	got := pa.Injected()
	assert.NotZero(t, got[registrytest.FaultTruncate], "blob bodies were cut: %v", got)
	t.Logf("faults injected: source %v, target %v", got, pb.Injected())
}

// A 429 with Retry-After is waited out; one that would outlive the
// deadline fails at once, throttled, saying why.
func TestRetryAfterAndDeadline(t *testing.T) {
	a, b := registrytest.InMemory(t), registrytest.InMemory(t)
	registrytest.PushIndex(t, a+"/app:v1", 1024, 1, 1)
	p := registrytest.NewFaultProxy(t, a, 1, 3, registrytest.Fault429)
	p.SetRetryAfter(1)
	p.Only(func(r *http.Request) bool { return strings.Contains(r.URL.Path, "/manifests/") })
	e, err := reg.New(reg.WithRetry(fastRetry))
	require.NoError(t, err)

	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = e.Sync(ctx, copyReq(p.Host+"/app:v1", b+"/app"))
	require.ErrorIs(t, err, core.ErrThrottled)
	assert.Contains(t, err.Error(), "outlive the deadline")
	assert.Less(t, time.Since(start), 250*time.Millisecond, "no sleeping past the deadline")

	var tries int
	p.Only(func(r *http.Request) bool {
		if strings.Contains(r.URL.Path, "/manifests/") {
			tries++
			return tries == 1
		}
		return false
	})
	start = time.Now()
	_, err = e.Sync(context.Background(), copyReq(p.Host+"/app:v1", b+"/app"))
	require.NoError(t, err)
	assert.GreaterOrEqual(t, time.Since(start), time.Second, "Retry-After is a floor")
}

// retryAfterOnce answers the first manifest request through a proxy of a
// with a 429 whose Retry-After is seconds; it returns the proxy's host.
func retryAfterOnce(t *testing.T, a string, seconds int) string {
	t.Helper()
	p := registrytest.NewFaultProxy(t, a, 1, 4, registrytest.Fault429)
	p.SetRetryAfter(seconds)
	var once atomic.Bool
	p.Only(func(r *http.Request) bool {
		return strings.Contains(r.URL.Path, "/manifests/") && once.CompareAndSwap(false, true)
	})
	return p.Host
}

// A Retry-After within the longest wait (WithMaxWait) is waited out when
// the deadline is far; over it, or past the deadline, the sync fails at
// once, throttled with the registry's wait as RetryAfter, saying which
// bound it hit.
func TestMaxWaitBoundsRetryAfter(t *testing.T) {
	a, b := registrytest.InMemory(t), registrytest.InMemory(t)
	want := registrytest.PushIndex(t, a+"/app:v1", 1024, 1, 1)
	sync := func(ctx context.Context, maxWait time.Duration) (core.Task, time.Duration, error) {
		e, err := reg.New(reg.WithMaxWait(maxWait), reg.WithRetry(fastRetry)) // WithRetry keeps the max wait
		require.NoError(t, err)
		start := time.Now()
		task, err := e.Sync(ctx, copyReq(retryAfterOnce(t, a, 3)+"/app:v1", b+"/app"))
		return task, time.Since(start), err
	}

	t.Run("within the max wait and the deadline: waited out", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
		defer cancel()
		task, took, err := sync(ctx, 5*time.Second)
		require.NoError(t, err)
		assert.Equal(t, want, task.Digest)
		assert.GreaterOrEqual(t, took, 3*time.Second, "Retry-After is a floor")
	})
	t.Run("over the max wait: fails at once", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
		defer cancel()
		_, took, err := sync(ctx, time.Second)
		require.ErrorIs(t, err, core.ErrThrottled)
		assert.Equal(t, 3*time.Second, core.RetryAfter(err))
		assert.Contains(t, err.Error(), "asks to wait 3s, over the max wait of 1s")
		assert.Less(t, took, 500*time.Millisecond, "no sleeping")
	})
	t.Run("past the deadline: fails at once", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_, took, err := sync(ctx, 5*time.Second)
		require.ErrorIs(t, err, core.ErrThrottled)
		assert.Equal(t, 3*time.Second, core.RetryAfter(err))
		assert.Contains(t, err.Error(), "would outlive the deadline")
		assert.Less(t, took, 500*time.Millisecond, "no sleeping")
	})
	t.Run("max wait 0: no Retry-After is waited out", func(t *testing.T) {
		_, took, err := sync(context.Background(), 0)
		require.ErrorIs(t, err, core.ErrThrottled)
		assert.Contains(t, err.Error(), "over the max wait of 0s")
		assert.Less(t, took, 500*time.Millisecond)
	})
}

package registry_test

import (
	"context"
	"testing"
	"time"

	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A copy that needs more manifest pulls than the source says remain is
// refused before it spends them; one that fits goes ahead.
func TestPullQuotaRefusesCopiesThatWouldExhaustIt(t *testing.T) {
	a, b := registrytest.InMemory(t), registrytest.InMemory(t)
	want := registrytest.PushIndex(t, a+"/library/app:v1", 1024, 1, 3)
	e, err := reg.New(reg.WithRetry(fastRetry))
	require.NoError(t, err)

	p := registrytest.NewRateLimited(t, a, 100, 3) // the index and 3 children need 4
	_, err = e.Sync(context.Background(), copyReq(p.Host+"/library/app:v1", b+"/app"))
	require.ErrorIs(t, err, core.ErrThrottled)
	assert.Contains(t, err.Error(), "allows 2 more manifest pulls")
	assert.EqualValues(t, 1, p.Gets.Load(), "only the index was fetched")
	assert.Empty(t, registrytest.Digest(t, b+"/app:v1"))

	p = registrytest.NewRateLimited(t, a, 100, 4)
	task, err := e.Sync(context.Background(), copyReq(p.Host+"/library/app:v1", b+"/app"))
	require.NoError(t, err)
	assert.Equal(t, want, task.Digest)

	// up to date: HEADs only, no pull spent
	task, err = e.Sync(context.Background(), copyReq(p.Host+"/library/app:v1", b+"/app"))
	require.NoError(t, err)
	assert.True(t, task.Skipped)
	assert.EqualValues(t, 4, p.Gets.Load())
}

// A 429 TOOMANYREQUESTS whose reset is hours away fails at once, throttled,
// carrying the wait from ratelimit-reset or Retry-After.
func TestPullQuotaSpentFailsThrottledWithRetryAfter(t *testing.T) {
	a, b := registrytest.InMemory(t), registrytest.InMemory(t)
	registrytest.PushIndex(t, a+"/library/app:v1", 1024, 1, 1)
	e, err := reg.New(reg.WithRetry(reg.Retry{Attempts: 5, Base: time.Second, Max: 10 * time.Second}))
	require.NoError(t, err)
	for _, c := range []struct {
		retryAfter string
		want       time.Duration
	}{{"", time.Hour}, {"7200", 2 * time.Hour}} {
		p := registrytest.NewRateLimited(t, a, 100, 0)
		p.Hide, p.RetryAfter = true, c.retryAfter
		start := time.Now()
		_, err = e.Sync(context.Background(), copyReq(p.Host+"/library/app:v1", b+"/app"))
		require.ErrorIs(t, err, core.ErrThrottled)
		assert.Equal(t, c.want, core.RetryAfter(err))
		assert.Contains(t, err.Error(), "TOOMANYREQUESTS")
		assert.Less(t, time.Since(start), time.Second, "no waiting for a reset hours away")
	}
}

package registry_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	stdsync "sync"
	"sync/atomic"
	"testing"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
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

// quotaProxy meters manifest GETs like Docker Hub and refills the quota
// once, at a known time: until then every manifest answer carries
// ratelimit-remaining and ratelimit-reset (seconds, rounded up), and a GET
// with none left gets 429.
type quotaProxy struct {
	host    string
	resetAt time.Time

	mu        stdsync.Mutex
	remaining int
	early     int // manifest GETs answered 429 before the reset
	gets      int // manifest GETs that got through
}

func newQuotaProxy(t *testing.T, upstream string, remaining int, reset time.Duration) *quotaProxy {
	t.Helper()
	u, err := url.Parse("http://" + upstream)
	require.NoError(t, err)
	q := &quotaProxy{resetAt: time.Now().Add(reset), remaining: remaining}
	rp := httputil.NewSingleHostReverseProxy(u)
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.URL.Path, "/manifests/") {
			rp.ServeHTTP(w, r)
			return
		}
		q.mu.Lock()
		before := time.Now().Before(q.resetAt)
		if !before && q.remaining < 100 {
			q.remaining = 100
		}
		spent := r.Method == http.MethodGet && q.remaining == 0
		switch {
		case spent:
			q.early++
		case r.Method == http.MethodGet:
			q.remaining--
			q.gets++
		}
		w.Header().Set("Ratelimit-Remaining", strconv.Itoa(q.remaining)+";w=21600")
		q.mu.Unlock()
		if before {
			secs := (time.Until(q.resetAt) + time.Second - 1) / time.Second
			w.Header().Set("Ratelimit-Reset", strconv.Itoa(int(secs)))
		}
		if spent {
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	q.host = strings.TrimPrefix(s.URL, "http://")
	return q
}

func (q *quotaProxy) counts() (gets, early int) {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.gets, q.early
}

// A quota short of what the copy needs, whose reset comes within the
// longest wait and before the deadline, is waited for: for the index
// itself, and for its child manifests once the index is fetched.
func TestPullQuotaResetWithinMaxWaitIsWaitedFor(t *testing.T) {
	a, b := registrytest.InMemory(t), registrytest.InMemory(t)
	want := registrytest.PushIndex(t, a+"/library/app:v1", 1024, 1, 2) // the index and 2 children
	e, err := reg.New(reg.WithRetry(fastRetry), reg.WithMaxWait(5*time.Second))
	require.NoError(t, err)
	for _, c := range []struct {
		name      string
		remaining int
		reset     time.Duration
	}{
		{"none left", 0, 2 * time.Second},
		{"enough for the index only", 1, time.Second},
	} {
		t.Run(c.name, func(t *testing.T) {
			q := newQuotaProxy(t, a, c.remaining, c.reset)
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			start := time.Now()
			task, err := e.Sync(ctx, copyReq(q.host+"/library/app:v1", fmt.Sprintf("%s/app%d", b, c.remaining)))
			require.NoError(t, err)
			assert.Equal(t, want, task.Digest)
			assert.GreaterOrEqual(t, time.Since(start), c.reset-100*time.Millisecond, "waited for the reset")
			gets, early := q.counts()
			assert.Equal(t, 3, gets)
			assert.Zero(t, early, "no pull asked for before the reset")
		})
	}
}

// A quota reset beyond the longest wait or the deadline, or one the
// registry does not announce, is not waited for: the copy is refused at
// once, throttled, saying why, with the reset as RetryAfter.
func TestPullQuotaResetNotWaitedFor(t *testing.T) {
	a, b := registrytest.InMemory(t), registrytest.InMemory(t)
	registrytest.PushIndex(t, a+"/library/app:v1", 1024, 1, 1)
	for _, c := range []struct {
		name    string
		maxWait time.Duration
		timeout time.Duration
		want    string
	}{
		{"over the max wait", time.Second, time.Hour, "not waiting for the reset: it is over the max wait of 1s"},
		{"max wait 0", 0, time.Hour, "over the max wait of 0s"},
		{"past the deadline", 5 * time.Second, time.Second, "not waiting for the reset: it comes after the deadline"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e, err := reg.New(reg.WithRetry(fastRetry), reg.WithMaxWait(c.maxWait))
			require.NoError(t, err)
			q := newQuotaProxy(t, a, 0, 2*time.Second)
			ctx, cancel := context.WithTimeout(context.Background(), c.timeout)
			defer cancel()
			start := time.Now()
			_, err = e.Sync(ctx, copyReq(q.host+"/library/app:v1", b+"/app"))
			require.ErrorIs(t, err, core.ErrThrottled)
			assert.Contains(t, err.Error(), "allows 0 more manifest pulls")
			assert.Contains(t, err.Error(), c.want)
			assert.Equal(t, 2*time.Second, core.RetryAfter(err))
			assert.Less(t, time.Since(start), 500*time.Millisecond, "no waiting")
			gets, early := q.counts()
			assert.Zero(t, gets+early, "no pull spent")
		})
	}

	// the registry says nothing of the reset: refused, as before
	e, err := reg.New(reg.WithRetry(fastRetry))
	require.NoError(t, err)
	p := registrytest.NewRateLimited(t, a, 100, 0)
	_, err = e.Sync(context.Background(), copyReq(p.Host+"/library/app:v1", b+"/app"))
	require.ErrorIs(t, err, core.ErrThrottled)
	assert.Contains(t, err.Error(), "the registry did not say when the quota resets")
	assert.Zero(t, p.Gets.Load())
}

// Waiting for a reset ends with the context.
func TestPullQuotaWaitEndsWithTheContext(t *testing.T) {
	a, b := registrytest.InMemory(t), registrytest.InMemory(t)
	registrytest.PushIndex(t, a+"/library/app:v1", 1024, 1, 1)
	e, err := reg.New(reg.WithRetry(fastRetry), reg.WithMaxWait(time.Minute))
	require.NoError(t, err)
	q := newQuotaProxy(t, a, 0, 30*time.Second)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	_, err = e.Sync(ctx, copyReq(q.host+"/library/app:v1", b+"/app"))
	require.ErrorIs(t, err, context.Canceled)
	assert.Contains(t, err.Error(), "waiting 30s for the pull quota to reset")
	assert.Less(t, time.Since(start), 2*time.Second)
}

// Referrers wait for a reset of the source's pull quota too, within the
// longest wait: those the API lists and those cosign tags.
func TestPullQuotaResetWaitedForReferrers(t *testing.T) {
	for _, c := range []struct {
		name     string
		registry func(testing.TB) string
		referrer func(t *testing.T, a string, img v1.Hash) v1.Hash
	}{
		{"listed by the API", registrytest.InMemoryReferrers,
			func(t *testing.T, a string, _ v1.Hash) v1.Hash { return attach(t, a+"/app:v1") }},
		{"cosign tag", registrytest.InMemory,
			func(t *testing.T, a string, img v1.Hash) v1.Hash { return sign(t, a+"/app", img, "sig") }},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, b := c.registry(t), registrytest.InMemory(t)
			img := pushImage(t, a+"/app:v1")
			ref := c.referrer(t, a, img)
			e, err := reg.New(reg.WithRetry(fastRetry), reg.WithMaxWait(5*time.Second), reg.WithReferrers(true))
			require.NoError(t, err)
			q := newQuotaProxy(t, a, 1, 2*time.Second) // enough for the image only
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			start := time.Now()
			_, err = e.Sync(ctx, copyReq(q.host+"/app:v1", b+"/app"))
			require.NoError(t, err)
			assert.Equal(t, ref.String(), registrytest.Digest(t, b+"/app@"+ref.String()), "the referrer followed")
			assert.GreaterOrEqual(t, time.Since(start), 2*time.Second-100*time.Millisecond, "waited for the reset")
			gets, early := q.counts()
			assert.Equal(t, 2, gets, "the image and its referrer")
			assert.Zero(t, early, "no pull asked for before the reset")
		})
	}
}

// The target's pull quota is waited for within the longest wait as well:
// a no-op sync reads at the target the index whose children's referrers
// it copies, and the fallback index of a source without the API.
func TestPullQuotaResetWaitedForAtTheTarget(t *testing.T) {
	for _, c := range []struct {
		name string
		push func(t *testing.T, a string)
	}{
		{"index read for its children", func(t *testing.T, a string) {
			registrytest.PushIndex(t, a+"/app:v1", 512, 1, 2)
		}},
		{"fallback index read", func(t *testing.T, a string) {
			pushImage(t, a+"/app:v1")
			attach(t, a+"/app:v1")
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			a, b := registrytest.InMemory(t), registrytest.InMemory(t)
			c.push(t, a)
			e, err := reg.New(reg.WithRetry(fastRetry), reg.WithMaxWait(5*time.Second), reg.WithReferrers(true))
			require.NoError(t, err)
			_, err = e.Sync(context.Background(), copyReq(a+"/app:v1", b+"/app"))
			require.NoError(t, err)

			q := newQuotaProxy(t, b, 0, 2*time.Second)
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			start := time.Now()
			task, err := e.Sync(ctx, copyReq(a+"/app:v1", q.host+"/app"))
			require.NoError(t, err)
			assert.True(t, task.Skipped)
			assert.GreaterOrEqual(t, time.Since(start), 2*time.Second-100*time.Millisecond, "waited for the reset")
			gets, early := q.counts()
			assert.Equal(t, 1, gets, "one manifest read at the target")
			assert.Zero(t, early, "no pull asked for before the reset")
		})
	}
}

type preparerFunc func(context.Context, core.Endpoint) error

func (f preparerFunc) Prepare(ctx context.Context, ep core.Endpoint) error { return f(ctx, ep) }

// A copy tried again once its target is prepared checks the quota again
// for the child manifests it has still to fetch, and waits for the reset
// when it may.
func TestPullQuotaResetWaitedForAfterPreparing(t *testing.T) {
	a := registrytest.InMemory(t)
	want := registrytest.PushIndex(t, a+"/library/app:v1", 1024, 1, 2) // the index and 2 children
	var prepared atomic.Bool
	dst := gatedRegistry(t, func(string) bool { return prepared.Load() })
	p := preparerFunc(func(context.Context, core.Endpoint) error { prepared.Store(true); return nil })
	e, err := reg.New(reg.WithRetry(fastRetry), reg.WithMaxWait(5*time.Second),
		reg.WithResolver(reg.Hosts{core.EngineACR: reg.StaticHosts(map[string]string{"cri-x": dst})}),
		reg.WithPreparer(reg.Preparers{core.EngineACR: p}))
	require.NoError(t, err)

	q := newQuotaProxy(t, a, 3, 2*time.Second) // enough for one try
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	start := time.Now()
	task, err := e.Sync(ctx, core.SyncRequest{Source: core.Endpoint{Image: q.host + "/library/app:v1"},
		Target: core.Endpoint{Engine: core.EngineACR, Region: "cn-hangzhou", Instance: "cri-x", Namespace: "ns", Repository: "app"}})
	require.NoError(t, err)
	assert.Equal(t, want, task.Digest)
	assert.Equal(t, want, registrytest.Digest(t, dst+"/ns/app:v1"))
	assert.True(t, prepared.Load())
	assert.GreaterOrEqual(t, time.Since(start), 2*time.Second-100*time.Millisecond, "waited for the reset")
	_, early := q.counts()
	assert.Zero(t, early, "no pull asked for before the reset")
}

// A platform-filtered index is budgeted on the children it keeps.
func TestPullQuotaBudgetsTheFilteredIndex(t *testing.T) {
	a, b := registrytest.InMemory(t), registrytest.InMemory(t)
	registrytest.PushPlatforms(t, a+"/app:v1", 512, "linux/amd64", "linux/arm64", "linux/s390x")
	all, err := reg.New(reg.WithRetry(fastRetry))
	require.NoError(t, err)
	p := registrytest.NewRateLimited(t, a, 100, 2) // the index and one child
	_, err = all.Sync(context.Background(), copyReq(p.Host+"/app:v1", b+"/all"))
	require.ErrorIs(t, err, core.ErrThrottled, "three children do not fit")
	assert.Contains(t, err.Error(), "the copy needs 3")

	one, err := reg.New(reg.WithRetry(fastRetry), reg.WithPlatforms("linux/arm64"))
	require.NoError(t, err)
	p = registrytest.NewRateLimited(t, a, 100, 2)
	task, err := one.Sync(context.Background(), copyReq(p.Host+"/app:v1", b+"/one"))
	require.NoError(t, err)
	assert.Equal(t, "PLATFORMS_FILTERED", task.ProviderStatus)
	assert.Equal(t, task.Digest, registrytest.Digest(t, b+"/one:v1"))
	assert.EqualValues(t, 2, p.Gets.Load())

	p = registrytest.NewRateLimited(t, a, 100, 1) // the index only: filtering needs it
	task, err = one.Sync(context.Background(), copyReq(p.Host+"/app:v1", b+"/one"))
	require.NoError(t, err, "a no-op costs no child's quota")
	assert.True(t, task.Skipped)
}

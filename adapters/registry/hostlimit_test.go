package registry_test

import (
	"context"
	"testing"
	"time"

	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A source whose entry says maxConcurrent: 2 never has more than 2
// requests under way at once, through two syncs of 24 layers each at
// 8 jobs; without the setting it has more. Both copies are whole.
func TestHostMaxConcurrent(t *testing.T) {
	for _, c := range []struct {
		name string
		max  int
	}{{"unlimited", 0}, {"maxConcurrent 2", 2}} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			src := registrytest.NewCountProxy(t, registrytest.Distribution(t, ""), 5*time.Millisecond)
			dst := newRegistry(t)
			want := registrytest.PushIndex(t, src.Host+"/team/app:v1", 2048, 12, 2)
			src.Reset()
			e := tlsEngine(t, reg.WithJobs(8),
				reg.WithHosts(reg.HostTLS{Host: src.Host, TLS: reg.TLSDisabled, MaxConcurrent: c.max}))
			done := make(chan struct{})
			for _, to := range []string{"a", "b"} {
				go func() {
					defer func() { done <- struct{}{} }()
					task, err := syncImage(t, e, src.Host+"/team/app:v1", dst+"/"+to+"/app:v1")
					assert.NoError(t, err)
					assert.Equal(t, want, task.Digest)
				}()
			}
			<-done
			<-done
			if c.max == 0 {
				assert.Greater(t, src.Most(), int64(2), "without the setting requests overlap")
			} else {
				assert.LessOrEqual(t, src.Most(), int64(c.max))
				assert.Positive(t, src.Most())
			}
		})
	}
}

// A source at requestsPerSecond: 20 gets the N requests of a copy over at
// least (N-1)/20 seconds (the first leaves at once: burst 1).
func TestHostRequestsPerSecond(t *testing.T) {
	const rate = 20.0
	src := registrytest.NewCountProxy(t, registrytest.Distribution(t, ""), 0)
	dst := newRegistry(t)
	want := registrytest.PushIndex(t, src.Host+"/team/app:v1", 1024, 3, 2)
	src.Reset()
	e := tlsEngine(t, reg.WithHosts(reg.HostTLS{Host: src.Host, TLS: reg.TLSDisabled, RequestsPerSecond: rate}))
	start := time.Now()
	task, err := syncImage(t, e, src.Host+"/team/app:v1", dst+"/mirror/app:v1")
	took := time.Since(start)
	require.NoError(t, err)
	assert.Equal(t, want, task.Digest)
	n := src.Requests()
	require.Greater(t, n, int64(5))
	floor := time.Duration(float64(n-1) / rate * float64(time.Second))
	assert.GreaterOrEqual(t, took, floor, "%d requests at %v a second", n, rate)
}

// A request waiting for its token ends with its context, unsent: at one
// request in 100 s, the tag list after the ping waits, and cancelling
// its context returns context.Canceled with only the ping sent.
func TestHostRequestsPerSecondCancelled(t *testing.T) {
	src := registrytest.NewCountProxy(t, newRegistry(t), 0)
	pushIndex(t, src.Host+"/team/app:v1")
	src.Reset()
	e := tlsEngine(t, reg.WithHosts(reg.HostTLS{Host: src.Host, TLS: reg.TLSDisabled, RequestsPerSecond: 0.01}))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := e.ListTags(ctx, src.Host+"/team/app")
		done <- err
	}()
	require.Eventually(t, func() bool { return src.Requests() >= 1 }, time.Minute, 5*time.Millisecond, "the ping")
	cancel()
	select {
	case err := <-done:
		require.ErrorIs(t, err, context.Canceled)
	case <-time.After(time.Minute):
		t.Fatal("the wait for a token did not end with its context")
	}
	assert.Equal(t, int64(1), src.Requests(), "nothing sent after the ping")
}

func TestHostLimitsChecked(t *testing.T) {
	for _, c := range []struct {
		h     reg.HostTLS
		field string
	}{
		{reg.HostTLS{Host: "r.example", RequestsPerSecond: -1}, "requestsPerSecond"},
		{reg.HostTLS{Host: "r.example", RequestsPerSecond: 10001}, "requestsPerSecond"},
		{reg.HostTLS{Host: "r.example", MaxConcurrent: -1}, "maxConcurrent"},
		{reg.HostTLS{Host: "r.example", MaxConcurrent: 1025}, "maxConcurrent"},
	} {
		p := reg.CheckHosts([]reg.HostTLS{c.h})
		assert.Equal(t, c.field, p[0].Field, "%+v", c.h)
		assert.NotEmpty(t, p[0].Reason)
		_, err := reg.New(reg.WithHosts(c.h))
		assert.ErrorContains(t, err, c.field)
	}
	for _, ok := range []reg.HostTLS{
		{Host: "r.example", RequestsPerSecond: 0.5, MaxConcurrent: 1},
		{Host: "r.example", RequestsPerSecond: 10000, MaxConcurrent: 1024},
	} {
		assert.Empty(t, ok.Check())
	}
}

package registry_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countProxy passes requests on to a registry and counts them, and the
// most under way at once. A request counts from its arrival until its
// answer has been read from the registry whole, before a byte of it is
// written back: a client cannot have finished with a request the proxy
// still counts. Each request is held hold while it counts, so that
// requests sent together overlap here.
type countProxy struct {
	host     string
	upstream string
	hold     time.Duration
	rt       http.RoundTripper

	requests, inFlight, most atomic.Int64
}

func newCountProxy(t *testing.T, upstream string, hold time.Duration) *countProxy {
	p := &countProxy{upstream: upstream, hold: hold, rt: &http.Transport{MaxIdleConnsPerHost: 64, DisableCompression: true}}
	s := httptest.NewServer(p)
	t.Cleanup(s.Close)
	p.host = strings.TrimPrefix(s.URL, "http://")
	return p
}

func (p *countProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.requests.Add(1)
	n := p.inFlight.Add(1)
	for m := p.most.Load(); n > m && !p.most.CompareAndSwap(m, n); m = p.most.Load() {
	}
	res, body, err := p.pass(r)
	p.inFlight.Add(-1)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	for k, v := range res.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(res.StatusCode)
	_, _ = w.Write(body)
}

// pass sends r to the registry (its Host header kept, so that the
// registry's Locations name the proxy) and reads the answer whole.
func (p *countProxy) pass(r *http.Request) (*http.Response, []byte, error) {
	time.Sleep(p.hold)
	out := r.Clone(r.Context())
	out.RequestURI, out.URL.Scheme, out.URL.Host = "", "http", p.upstream
	res, err := p.rt.RoundTrip(out)
	if err != nil {
		return nil, nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	return res, body, err
}

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
			src := newCountProxy(t, registrytest.Distribution(t, ""), 5*time.Millisecond)
			dst := newRegistry(t)
			want := registrytest.PushIndex(t, src.host+"/team/app:v1", 2048, 12, 2)
			src.most.Store(0)
			e := tlsEngine(t, reg.WithJobs(8),
				reg.WithHosts(reg.HostTLS{Host: src.host, TLS: reg.TLSDisabled, MaxConcurrent: c.max}))
			done := make(chan struct{})
			for _, to := range []string{"a", "b"} {
				go func() {
					defer func() { done <- struct{}{} }()
					task, err := syncImage(t, e, src.host+"/team/app:v1", dst+"/"+to+"/app:v1")
					assert.NoError(t, err)
					assert.Equal(t, want, task.Digest)
				}()
			}
			<-done
			<-done
			if c.max == 0 {
				assert.Greater(t, src.most.Load(), int64(2), "without the setting requests overlap")
			} else {
				assert.LessOrEqual(t, src.most.Load(), int64(c.max))
				assert.Positive(t, src.most.Load())
			}
		})
	}
}

// A source at requestsPerSecond: 20 gets the N requests of a copy over at
// least (N-1)/20 seconds (the first leaves at once: burst 1).
func TestHostRequestsPerSecond(t *testing.T) {
	const rate = 20.0
	src := newCountProxy(t, registrytest.Distribution(t, ""), 0)
	dst := newRegistry(t)
	want := registrytest.PushIndex(t, src.host+"/team/app:v1", 1024, 3, 2)
	src.requests.Store(0)
	e := tlsEngine(t, reg.WithHosts(reg.HostTLS{Host: src.host, TLS: reg.TLSDisabled, RequestsPerSecond: rate}))
	start := time.Now()
	task, err := syncImage(t, e, src.host+"/team/app:v1", dst+"/mirror/app:v1")
	took := time.Since(start)
	require.NoError(t, err)
	assert.Equal(t, want, task.Digest)
	n := src.requests.Load()
	require.Greater(t, n, int64(5))
	floor := time.Duration(float64(n-1) / rate * float64(time.Second))
	assert.GreaterOrEqual(t, took, floor, "%d requests at %v a second", n, rate)
}

// A request waiting for its token ends with its context, unsent: at one
// request in 100 s, the tag list after the ping waits, and cancelling
// its context returns context.Canceled with only the ping sent.
func TestHostRequestsPerSecondCancelled(t *testing.T) {
	src := newCountProxy(t, newRegistry(t), 0)
	pushIndex(t, src.host+"/team/app:v1")
	src.requests.Store(0)
	e := tlsEngine(t, reg.WithHosts(reg.HostTLS{Host: src.host, TLS: reg.TLSDisabled, RequestsPerSecond: 0.01}))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := e.ListTags(ctx, src.host+"/team/app")
		done <- err
	}()
	require.Eventually(t, func() bool { return src.requests.Load() >= 1 }, time.Minute, 5*time.Millisecond, "the ping")
	cancel()
	select {
	case err := <-done:
		require.ErrorIs(t, err, context.Canceled)
	case <-time.After(time.Minute):
		t.Fatal("the wait for a token did not end with its context")
	}
	assert.Equal(t, int64(1), src.requests.Load(), "nothing sent after the ping")
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

package registrytest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// CountProxy is a reverse proxy in front of a registry that counts the
// requests it passes on, and the most under way at once. A request counts from its arrival until its
// answer has been read from the registry whole, before a byte of it is
// written back: a client cannot have finished with a request the proxy
// still counts. Each request is held hold while it counts, so that
// requests sent together overlap here.
type CountProxy struct {
	Host     string // host:port of the proxy
	upstream string
	hold     time.Duration
	rt       http.RoundTripper

	requests, inFlight, most atomic.Int64
}

// NewCountProxy proxies to upstream (host:port), holding each request hold.
func NewCountProxy(t testing.TB, upstream string, hold time.Duration) *CountProxy {
	p := &CountProxy{upstream: upstream, hold: hold, rt: &http.Transport{MaxIdleConnsPerHost: 64, DisableCompression: true}}
	s := httptest.NewServer(p)
	t.Cleanup(s.Close)
	p.Host = strings.TrimPrefix(s.URL, "http://")
	return p
}

func (p *CountProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
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
func (p *CountProxy) pass(r *http.Request) (*http.Response, []byte, error) {
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

// Requests is how many requests arrived since the start or Reset.
func (p *CountProxy) Requests() int64 { return p.requests.Load() }

// Most is the most requests under way at once since the start or Reset.
func (p *CountProxy) Most() int64 { return p.most.Load() }

// Reset zeroes the counts (with no request under way).
func (p *CountProxy) Reset() { p.requests.Store(0); p.most.Store(0) }

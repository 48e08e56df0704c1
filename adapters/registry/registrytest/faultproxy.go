package registrytest

import (
	"io"
	"log"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// Fault is one way the FaultProxy misbehaves.
type Fault string

const (
	Fault503      Fault = "503"      // answer 503 Service Unavailable
	Fault429      Fault = "429"      // answer 429 with Retry-After
	FaultDrop     Fault = "drop"     // close the connection without answering
	FaultTruncate Fault = "truncate" // send half of a body, then close
)

// FaultProxy is a reverse proxy in front of a registry that answers a share
// of the requests with a fault, chosen by a seeded generator so that a
// failing run can be replayed.
type FaultProxy struct {
	Host string // host:port of the proxy

	mu         sync.Mutex
	rng        *rand.Rand
	rate       float64
	faults     []Fault
	retryAfter string
	match      func(*http.Request) bool
	cuts       int // blob downloads still to cut whatever the draw
	injected   map[Fault]int
	rp         *httputil.ReverseProxy
}

// NewFaultProxy proxies to upstream (host:port) and makes rate (0..1) of the
// requests fail with one of faults, picked at random. 429s carry
// Retry-After: 0 unless SetRetryAfter says otherwise.
func NewFaultProxy(t testing.TB, upstream string, rate float64, seed uint64, faults ...Fault) *FaultProxy {
	t.Helper()
	u, err := url.Parse("http://" + upstream)
	if err != nil {
		t.Fatal(err)
	}
	p := &FaultProxy{rng: rand.New(rand.NewPCG(seed, seed)), rate: rate, faults: faults,
		retryAfter: "0", injected: map[Fault]int{}, rp: httputil.NewSingleHostReverseProxy(u),
		match: func(*http.Request) bool { return true }}
	p.rp.ErrorLog = log.New(io.Discard, "", 0)
	s := httptest.NewServer(p)
	t.Cleanup(s.Close)
	p.Host = strings.TrimPrefix(s.URL, "http://")
	return p
}

// SetRetryAfter sets the Retry-After of 429 answers (seconds).
func (p *FaultProxy) SetRetryAfter(seconds int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.retryAfter = strconv.Itoa(seconds)
}

// Only limits faults to the requests match accepts.
func (p *FaultProxy) Only(match func(*http.Request) bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.match = match
}

// Cut makes the next n blob downloads fail mid-body whatever the draw, so a
// test that must see a cut body does not depend on how its requests
// interleave with the generator.
func (p *FaultProxy) Cut(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cuts = n
}

// Injected counts the faults injected so far, by kind.
func (p *FaultProxy) Injected() map[Fault]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make(map[Fault]int, len(p.injected))
	for k, v := range p.injected {
		out[k] = v
	}
	return out
}

func (p *FaultProxy) pick(r *http.Request) (Fault, string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	blobGet := r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/blobs/")
	if p.cuts > 0 && blobGet {
		p.cuts--
		p.injected[FaultTruncate]++
		return FaultTruncate, ""
	}
	if len(p.faults) == 0 || !p.match(r) || p.rng.Float64() >= p.rate {
		return "", ""
	}
	f := p.faults[p.rng.IntN(len(p.faults))]
	if f == FaultTruncate && !blobGet {
		f = FaultDrop // only blob downloads have bodies worth cutting
	}
	p.injected[f]++
	return f, p.retryAfter
}

func (p *FaultProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f, after := p.pick(r)
	switch f {
	case Fault503:
		_, _ = io.Copy(io.Discard, io.LimitReader(r.Body, 1<<20))
		http.Error(w, `{"errors":[{"code":"UNAVAILABLE","message":"injected"}]}`, http.StatusServiceUnavailable)
	case Fault429:
		w.Header().Set("Retry-After", after)
		http.Error(w, `{"errors":[{"code":"TOOMANYREQUESTS","message":"injected"}]}`, http.StatusTooManyRequests)
	case FaultDrop:
		panic(http.ErrAbortHandler)
	case FaultTruncate:
		p.rp.ServeHTTP(&cutWriter{ResponseWriter: w}, r)
	default:
		p.rp.ServeHTTP(w, r)
	}
}

// cutWriter passes half of the announced body, then aborts the connection.
type cutWriter struct {
	http.ResponseWriter
	left int64
	set  bool
}

func (c *cutWriter) Write(b []byte) (int, error) {
	if !c.set {
		c.set = true
		n, _ := strconv.ParseInt(c.Header().Get("Content-Length"), 10, 64)
		c.left = n / 2
	}
	if int64(len(b)) >= c.left {
		_, _ = c.ResponseWriter.Write(b[:c.left])
		if f, ok := c.ResponseWriter.(http.Flusher); ok {
			f.Flush()
		}
		panic(http.ErrAbortHandler)
	}
	c.left -= int64(len(b))
	return c.ResponseWriter.Write(b)
}

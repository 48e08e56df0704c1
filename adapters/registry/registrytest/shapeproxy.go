package registrytest

import (
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Shape is the link a ShapeProxy plays, and how its source misbehaves.
type Shape struct {
	// RTT is held before each request is passed on (one round trip per
	// request); the first request of a connection waits twice as long, for
	// the connection's own handshake.
	RTT time.Duration
	// Rate caps each connection's response bodies, in bytes per second, as
	// a TCP window over a long round trip does (0: no cap).
	Rate int64
	// IgnoreRange drops requests' Range headers: the source then answers
	// 200 with the whole blob, as one that does not honour ranges.
	IgnoreRange bool
	// WrongContentRange shifts the Content-Range of 206 answers by one
	// byte: a source that says it sent other bytes than were asked.
	WrongContentRange bool
}

// ShapeCounters is what a ShapeProxy passed on so far.
type ShapeCounters struct {
	Requests  int64 // requests answered
	Ranged    int64 // of them, requests that carried a Range header
	Bytes     int64 // response body bytes sent (any the client can have read), cut answers' included
	BlobBytes int64 // of them, bytes of blob GETs
	// MaxBlobGets is the most blob GETs that were under way at once.
	MaxBlobGets int64
}

// ShapeProxy is a reverse proxy in front of a registry that plays a long,
// thin link (Shape) and counts what it passes on.
type ShapeProxy struct {
	Host string // host:port of the proxy

	shape                           Shape
	rp                              *httputil.ReverseProxy
	requests, ranged, bytes, blobBy atomic.Int64
	blobGets, maxBlobGets           atomic.Int64
}

type connKey struct{}

// NewShapeProxy proxies to upstream (host:port) over the link shape.
func NewShapeProxy(t testing.TB, upstream string, shape Shape) *ShapeProxy {
	t.Helper()
	u, err := url.Parse("http://" + upstream)
	if err != nil {
		t.Fatal(err)
	}
	p := &ShapeProxy{shape: shape, rp: httputil.NewSingleHostReverseProxy(u)}
	p.rp.ErrorLog = log.New(io.Discard, "", 0)
	p.rp.FlushInterval = -1
	p.rp.Transport = &http.Transport{MaxIdleConnsPerHost: 256, DisableCompression: true}
	p.rp.ModifyResponse = p.modify
	s := httptest.NewUnstartedServer(p)
	s.Config.ConnContext = func(ctx context.Context, _ net.Conn) context.Context {
		return context.WithValue(ctx, connKey{}, new(atomic.Bool))
	}
	s.Start()
	t.Cleanup(s.Close)
	p.Host = strings.TrimPrefix(s.URL, "http://")
	return p
}

// Counters returns what the proxy passed on so far.
func (p *ShapeProxy) Counters() ShapeCounters {
	return ShapeCounters{Requests: p.requests.Load(), Ranged: p.ranged.Load(), Bytes: p.bytes.Load(),
		BlobBytes: p.blobBy.Load(), MaxBlobGets: p.maxBlobGets.Load()}
}

func (p *ShapeProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	wait := p.shape.RTT
	if used, ok := r.Context().Value(connKey{}).(*atomic.Bool); ok && !used.Swap(true) {
		wait *= 2
	}
	time.Sleep(wait)
	p.requests.Add(1)
	if r.Header.Get("Range") != "" {
		p.ranged.Add(1)
		if p.shape.IgnoreRange {
			r.Header.Del("Range")
		}
	}
	blob := r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/blobs/")
	if blob {
		n := p.blobGets.Add(1)
		defer p.blobGets.Add(-1)
		for m := p.maxBlobGets.Load(); n > m && !p.maxBlobGets.CompareAndSwap(m, n); m = p.maxBlobGets.Load() {
		}
	}
	p.rp.ServeHTTP(&shapedWriter{ResponseWriter: w, p: p, blob: blob}, r)
}

func (p *ShapeProxy) modify(res *http.Response) error {
	if p.shape.WrongContentRange && res.StatusCode == http.StatusPartialContent {
		var a, b, size int64
		if _, err := fmt.Sscanf(res.Header.Get("Content-Range"), "bytes %d-%d/%d", &a, &b, &size); err == nil {
			res.Header.Set("Content-Range", "bytes "+strconv.FormatInt(a+1, 10)+"-"+strconv.FormatInt(b+1, 10)+"/"+strconv.FormatInt(size, 10))
		}
	}
	return nil
}

// shapedWriter sends a body no faster than the shape's rate, counting it.
type shapedWriter struct {
	http.ResponseWriter
	p     *ShapeProxy
	blob  bool
	start time.Time
	sent  int64
}

func (w *shapedWriter) Write(b []byte) (int, error) {
	if w.start.IsZero() {
		w.start = time.Now()
	}
	total := 0
	for len(b) > 0 {
		n := min(len(b), 16<<10)
		if rate := w.p.shape.Rate; rate > 0 {
			due := w.start.Add(time.Duration(float64(w.sent+int64(n)) / float64(rate) * float64(time.Second)))
			if d := time.Until(due); d > 0 {
				time.Sleep(d)
			}
		}
		// Counted before the write: once it is in the socket the client may
		// read it, finish and look at the counters before this goroutine
		// runs again; what a failed write did not send is taken back.
		w.count(int64(n))
		k, err := w.ResponseWriter.Write(b[:n])
		w.count(int64(k - n))
		w.sent += int64(k)
		total += k
		if err != nil {
			return total, err
		}
		b = b[n:]
	}
	return total, nil
}

func (w *shapedWriter) count(n int64) {
	w.p.bytes.Add(n)
	if w.blob {
		w.p.blobBy.Add(n)
	}
}

func (w *shapedWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

package registrytest

import (
	"bytes"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// UploadProxy is a reverse proxy in front of a registry (the in-memory one)
// that plays a target whose upload sessions outlive a broken PUT, as the
// distribution spec describes and zot does: it cuts the next blob PUTs
// after half of their body, keeps the half it got in the session (a PATCH
// upstream), and answers a GET on the upload URL with the Range it holds.
// It counts the upload bytes it reads from the client.
type UploadProxy struct {
	Host string // host:port of the proxy

	upstream string
	rp       *httputil.ReverseProxy
	received atomic.Int64

	mu   sync.Mutex
	cuts int
	held map[string]int64 // upload path -> bytes the session holds after a cut
}

// NewUploadProxy proxies to upstream (host:port).
func NewUploadProxy(t testing.TB, upstream string) *UploadProxy {
	t.Helper()
	u, err := url.Parse("http://" + upstream)
	if err != nil {
		t.Fatal(err)
	}
	p := &UploadProxy{upstream: upstream, rp: httputil.NewSingleHostReverseProxy(u), held: map[string]int64{}}
	p.rp.ErrorLog = log.New(io.Discard, "", 0)
	s := httptest.NewServer(p)
	t.Cleanup(s.Close)
	p.Host = strings.TrimPrefix(s.URL, "http://")
	return p
}

// Cut makes the next n blob PUTs that start an upload break after half of
// their body (a PUT that resumes one, with a Content-Range, is let through).
func (p *UploadProxy) Cut(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.cuts = n
}

// Received is the blob upload bytes read from clients so far.
func (p *UploadProxy) Received() int64 { return p.received.Load() }

func (p *UploadProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !strings.Contains(r.URL.Path, "/blobs/uploads/") {
		p.rp.ServeHTTP(w, r)
		return
	}
	p.mu.Lock()
	held, known := p.held[r.URL.Path]
	cut := r.Method == http.MethodPut && p.cuts > 0 && r.ContentLength > 1 && r.Header.Get("Content-Range") == ""
	if cut {
		p.cuts--
	}
	p.mu.Unlock()
	switch {
	case r.Method == http.MethodGet && known:
		w.Header().Set("Location", r.URL.Path)
		w.Header().Set("Range", fmt.Sprintf("0-%d", held-1))
		w.WriteHeader(http.StatusNoContent)
	case cut:
		p.keepHalf(r)
		panic(http.ErrAbortHandler)
	default:
		r.Body = countingBody{r.Body, &p.received}
		p.rp.ServeHTTP(w, r)
	}
}

// keepHalf reads half of a PUT's body and appends it to the session.
func (p *UploadProxy) keepHalf(r *http.Request) {
	half, err := io.ReadAll(io.LimitReader(r.Body, r.ContentLength/2))
	if err != nil {
		return
	}
	p.received.Add(int64(len(half)))
	req, err := http.NewRequest(http.MethodPatch, "http://"+p.upstream+r.URL.Path, bytes.NewReader(half))
	if err != nil {
		return
	}
	req.Header.Set("Content-Range", fmt.Sprintf("0-%d", len(half)-1))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return
	}
	res.Body.Close()
	if res.StatusCode == http.StatusAccepted {
		p.mu.Lock()
		p.held[r.URL.Path] = int64(len(half))
		p.mu.Unlock()
	}
}

type countingBody struct {
	io.ReadCloser
	n *atomic.Int64
}

func (c countingBody) Read(b []byte) (int, error) {
	n, err := c.ReadCloser.Read(b)
	c.n.Add(int64(n))
	return n, err
}

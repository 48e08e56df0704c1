package registrytest

import (
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// GateProxy is a reverse proxy in front of a registry that holds some
// requests (blob downloads, or uploads) until the gate opens or the client
// gives up, so that a test can act while a copy is surely under way:
// cancel it, interrupt it, start another. Other requests pass at once.
type GateProxy struct {
	Host string // host:port of the proxy
	// Held receives one value per request the gate holds (buffered;
	// further values are dropped when nobody reads).
	Held chan string

	open chan struct{}
	once sync.Once
}

// NewGateProxy proxies to upstream (host:port) with the gate closed,
// holding blob downloads.
func NewGateProxy(t testing.TB, upstream string) *GateProxy {
	t.Helper()
	return NewGateProxyFor(t, upstream, func(r *http.Request) bool {
		return r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/blobs/sha256:")
	})
}

// UploadGate holds the requests that finish blob uploads (PUT and PATCH on
// an upload session), so that a copy is caught with an upload URL in hand.
func UploadGate(r *http.Request) bool {
	return (r.Method == http.MethodPut || r.Method == http.MethodPatch) && strings.Contains(r.URL.Path, "/blobs/uploads/")
}

// NewGateProxyFor is NewGateProxy holding the requests hold matches.
func NewGateProxyFor(t testing.TB, upstream string, hold func(*http.Request) bool) *GateProxy {
	t.Helper()
	u, err := url.Parse("http://" + upstream)
	if err != nil {
		t.Fatal(err)
	}
	g := &GateProxy{Held: make(chan string, 64), open: make(chan struct{})}
	rp := httputil.NewSingleHostReverseProxy(u)
	rp.ErrorLog = log.New(io.Discard, "", 0)
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hold(r) {
			select {
			case g.Held <- r.URL.Path:
			default:
			}
			select {
			case <-g.open:
			case <-r.Context().Done():
				return
			}
		}
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(func() { g.Open(); s.Close() })
	g.Host = strings.TrimPrefix(s.URL, "http://")
	return g
}

// Open lets every held and later request through.
func (g *GateProxy) Open() { g.once.Do(func() { close(g.open) }) }

package registrytest

import (
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/go-containerregistry/pkg/registry"
)

// Held is an in-memory registry that, once armed, holds every manifest
// read of one repository until Release (or until the client goes away):
// a sync from it stays in flight for as long as a test needs.
type Held struct {
	Host    string
	Arrived chan struct{} // closed when the first held read arrives

	armed   atomic.Bool
	release chan struct{}
	once    sync.Once
}

// NewHeld starts a Held registry holding reads of repo's manifests once
// Arm is called (push the images first).
func NewHeld(t testing.TB, repo string) *Held {
	t.Helper()
	h := &Held{Arrived: make(chan struct{}), release: make(chan struct{})}
	var arrived sync.Once
	reg := registry.New(registry.Logger(log.New(io.Discard, "", 0)))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h.armed.Load() && strings.HasPrefix(r.URL.Path, "/v2/"+repo+"/manifests/") {
			arrived.Do(func() { close(h.Arrived) })
			select {
			case <-h.release:
			case <-r.Context().Done():
				return
			}
		}
		reg.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(h.Release) // a request still held must not keep the server from closing
	h.Host = strings.TrimPrefix(srv.URL, "http://")
	return h
}

// Arm starts holding reads.
func (h *Held) Arm() { h.armed.Store(true) }

// Release lets every held read, and every later one, through.
func (h *Held) Release() { h.once.Do(func() { close(h.release) }) }

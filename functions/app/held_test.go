package app_test

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
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
)

// held is an in-memory registry holding team/app:v1 whose manifest reads
// wait, once the image is in, until release is closed (or the client goes
// away); arrived closes at the first.
type held struct {
	host             string
	arrived, release chan struct{}
}

func newHeld(t *testing.T) *held {
	h := &held{arrived: make(chan struct{}), release: make(chan struct{})}
	var armed atomic.Bool
	var once sync.Once
	reg := registry.New(registry.Logger(log.New(io.Discard, "", 0)))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if armed.Load() && strings.HasPrefix(r.URL.Path, "/v2/team/app/manifests/") {
			once.Do(func() { close(h.arrived) })
			select {
			case <-h.release:
			case <-r.Context().Done():
				return
			}
		}
		reg.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	h.host = strings.TrimPrefix(srv.URL, "http://")
	registrytest.PushIndex(t, h.host+"/team/app:v1", 512, 1, 1)
	armed.Store(true)
	return h
}

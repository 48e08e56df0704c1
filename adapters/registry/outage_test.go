package registry_test

import (
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"strings"
	gosync "sync"
	"syscall"
	"testing"
	"time"

	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bearerRegistry puts upstream behind the token flow, its token endpoint
// on the same host (/token).
func bearerRegistry(t *testing.T, upstream string) string {
	t.Helper()
	var host string
	rp := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: "http", Host: upstream})
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/token" {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"token":"t0k"}`))
			return
		}
		if r.Header.Get("Authorization") != "Bearer t0k" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="http://`+host+`/token",service="test"`)
			http.Error(w, `{"errors":[{"code":"UNAUTHORIZED"}]}`, http.StatusUnauthorized)
			return
		}
		r.Header.Del("Authorization")
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	host = strings.TrimPrefix(s.URL, "http://")
	return host
}

// refusing is a transport whose first n connections to each of the paths
// are refused, as a registry's that is restarting.
type refusing struct {
	mu    gosync.Mutex
	left  map[string]int
	seen  map[string]int
	inner http.RoundTripper
}

func (r *refusing) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	r.seen[req.URL.Path]++
	refuse := r.left[req.URL.Path] > 0
	if refuse {
		r.left[req.URL.Path]--
	}
	r.mu.Unlock()
	if refuse {
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	}
	return r.inner.RoundTrip(req)
}

// The first ping (/v2/) and the token fetch of a registry that refuses
// connections for a while are tried again, past the policy's Attempts,
// for its Outage window (before, a refused connection failed the sync at
// once).
func TestRefusedPingAndTokenAreTriedAgain(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	want := registrytest.PushIndex(t, src+"/app:v1", 1024, 1, 1)
	target := bearerRegistry(t, dst)
	rt := &refusing{left: map[string]int{"/v2/": 4, "/token": 4}, seen: map[string]int{}, inner: http.DefaultTransport}
	e, err := reg.New(reg.WithTransport(rt),
		reg.WithRetry(reg.Retry{Attempts: 2, Base: time.Millisecond, Max: 10 * time.Millisecond, Outage: 30 * time.Second}))
	require.NoError(t, err)

	task, err := e.Sync(t.Context(), copyReq(src+"/app:v1", target+"/app:v1"))
	require.NoError(t, err)
	assert.Equal(t, want, task.Digest)
	rt.mu.Lock()
	defer rt.mu.Unlock()
	assert.GreaterOrEqual(t, rt.seen["/token"], 5, "four refused, then a token")
	assert.GreaterOrEqual(t, rt.seen["/v2/"], 5)
}

// Without an Outage window a refused connection is tried Attempts times,
// then fails as unavailable.
func TestRefusedWithoutOutageWindow(t *testing.T) {
	src := registrytest.InMemory(t)
	registrytest.PushIndex(t, src+"/app:v1", 1024, 1, 1)
	rt := &refusing{left: map[string]int{"/v2/": 100}, seen: map[string]int{}, inner: http.DefaultTransport}
	e, err := reg.New(reg.WithTransport(rt), reg.WithRetry(reg.Retry{Attempts: 3, Base: time.Millisecond, Max: 10 * time.Millisecond}))
	require.NoError(t, err)
	_, err = e.Sync(t.Context(), copyReq(src+"/app:v1", "registry.invalid:5000/app:v1"))
	require.ErrorIs(t, err, core.ErrUnavailable)
	assert.Contains(t, err.Error(), "gave up after 3 tries")
}

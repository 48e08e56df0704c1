package registry_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"
	"time"

	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A copy within one host held to maxConcurrent 1, whose registry does not
// mount blobs across repositories (each blob is downloaded and uploaded on
// the same host), completes: a blob's download and the upload it feeds run
// in the one place its copy reserved, where a place per request would wait
// for ever (the download holds the place the upload needs). At most the
// two requests of one blob are under way at once.
func TestHostMaxConcurrentWithinOneHost(t *testing.T) {
	p := registrytest.NewCountProxy(t, noMount(t, registrytest.Distribution(t, "")), 0)
	want := registrytest.PushIndex(t, p.Host+"/team/app:v1", 2048, 6, 2)
	p.Reset()
	e := tlsEngine(t, reg.WithJobs(8), reg.WithHosts(reg.HostTLS{Host: p.Host, TLS: reg.TLSDisabled, MaxConcurrent: 1}))
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	task, err := e.Sync(ctx, core.SyncRequest{Source: core.Endpoint{Image: p.Host + "/team/app:v1"},
		Target: core.Endpoint{Image: p.Host + "/mirror/app:v1"}})
	require.NoError(t, err)
	assert.Equal(t, want, task.Digest)
	assert.LessOrEqual(t, p.Most(), int64(2), "one blob's download and upload")
}

// noMount is upstream (host:port) behind a proxy that drops the mount and
// from parameters of upload requests, as a registry that does not mount
// across repositories ignores them (it opens a plain upload).
func noMount(t *testing.T, upstream string) string {
	t.Helper()
	u, err := url.Parse("http://" + upstream)
	require.NoError(t, err)
	rp := httputil.NewSingleHostReverseProxy(u)
	direct := rp.Director
	rp.Director = func(r *http.Request) {
		direct(r)
		q := r.URL.Query()
		q.Del("mount")
		q.Del("from")
		r.URL.RawQuery = q.Encode()
	}
	s := httptest.NewServer(rp)
	t.Cleanup(s.Close)
	return strings.TrimPrefix(s.URL, "http://")
}

// Two copies in opposite directions between two hosts held to
// maxConcurrent 1 both complete: each blob's copy takes its two places in
// the one order of the hosts, so neither holds one the other waits for
// while waiting for the other's.
func TestHostMaxConcurrentOppositeCopies(t *testing.T) {
	x := registrytest.NewCountProxy(t, registrytest.Distribution(t, ""), 0)
	y := registrytest.NewCountProxy(t, registrytest.Distribution(t, ""), 0)
	wantX := registrytest.PushIndex(t, x.Host+"/a/app:v1", 4<<20, 3, 2)
	wantY := registrytest.PushIndex(t, y.Host+"/b/app:v1", 4<<20, 3, 2)
	e := tlsEngine(t, reg.WithJobs(8), reg.WithHosts(
		reg.HostTLS{Host: x.Host, TLS: reg.TLSDisabled, MaxConcurrent: 1},
		reg.HostTLS{Host: y.Host, TLS: reg.TLSDisabled, MaxConcurrent: 1}))
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	errs := make(chan error, 2)
	for _, c := range [][3]string{{x.Host + "/a/app:v1", y.Host + "/a/app:v1", wantX}, {y.Host + "/b/app:v1", x.Host + "/b/app:v1", wantY}} {
		go func() {
			task, err := e.Sync(ctx, core.SyncRequest{Source: core.Endpoint{Image: c[0]}, Target: core.Endpoint{Image: c[1]}})
			if err == nil && task.Digest != c[2] {
				err = assert.AnError
			}
			errs <- err
		}()
	}
	require.NoError(t, <-errs)
	require.NoError(t, <-errs)
}

// A source held to maxConcurrent gets no parallel ranges: the blob's copy
// runs in its one place at the source, which ranges would overrun. The
// same slow source without the limit is fetched in ranges.
func TestHostMaxConcurrentNoRanges(t *testing.T) {
	src := registrytest.Distribution(t, "")
	want := registrytest.PushIndex(t, src+"/app:v1", 8<<20, 1, 1)
	for _, limit := range []int{0, 1} {
		p := registrytest.NewShapeProxy(t, src, registrytest.Shape{Rate: 4 << 20})
		e := tlsEngine(t, reg.WithJobs(4), reg.WithRanges(reg.Ranges{Threshold: 2 << 20, Chunk: 1 << 20, PerBlob: 4}),
			reg.WithHosts(reg.HostTLS{Host: p.Host, TLS: reg.TLSDisabled, MaxConcurrent: limit}))
		task, err := syncImage(t, e, p.Host+"/app:v1", registrytest.InMemory(t)+"/app:v1")
		require.NoError(t, err)
		assert.Equal(t, want, task.Digest)
		if limit == 0 {
			assert.Greater(t, p.Counters().MaxBlobGets, int64(1), "ranges without the limit")
		} else {
			assert.Equal(t, int64(1), p.Counters().MaxBlobGets, "one request at a time in the blob's place")
		}
	}
}

package registry_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"runtime"
	"strings"

	gosync "sync"
	"sync/atomic"
	"testing"
	"time"

	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sync/errgroup"
)

// proxy puts handle in front of upstream: handle(w, r, next) may act on a
// request before or after passing it to next.
func proxy(t *testing.T, upstream string, handle func(w http.ResponseWriter, r *http.Request, next http.Handler)) string {
	t.Helper()
	rp := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: "http", Host: upstream})
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { handle(w, r, rp) }))
	t.Cleanup(s.Close)
	return strings.TrimPrefix(s.URL, "http://")
}

func isBlobGet(r *http.Request) bool {
	return r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/blobs/sha256:")
}

// countedSlowBlobs serves blob bodies in 64 KiB steps, 10 ms apart, and counts
// the blob GETs being served at once.
func countedSlowBlobs(t *testing.T, upstream string, now, peak *atomic.Int32) string {
	return proxy(t, upstream, func(w http.ResponseWriter, r *http.Request, next http.Handler) {
		if !isBlobGet(r) {
			next.ServeHTTP(w, r)
			return
		}
		n := now.Add(1)
		defer now.Add(-1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		rec := httptest.NewRecorder()
		next.ServeHTTP(rec, r)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		w.WriteHeader(rec.Code)
		body := rec.Body.Bytes()
		for len(body) > 0 {
			k := min(len(body), 64<<10)
			_, _ = w.Write(body[:k])
			w.(http.Flusher).Flush()
			body = body[k:]
			time.Sleep(10 * time.Millisecond)
		}
	})
}

// The engine's jobs bound the blobs streaming at once across all its
// syncs, not per sync: two tags synced together at jobs 2 never stream
// more than two blobs.
func TestJobsBoundBlobsAcrossSyncs(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	for _, tag := range []string{"a", "b"} {
		registrytest.PushIndex(t, src+"/app:"+tag, 256<<10, 3, 1)
	}
	var now, peak atomic.Int32
	slow := countedSlowBlobs(t, src, &now, &peak)
	e, err := reg.New(reg.WithJobs(2))
	require.NoError(t, err)
	var g errgroup.Group
	for _, tag := range []string{"a", "b"} {
		g.Go(func() error {
			_, err := e.Sync(context.Background(), core.SyncRequest{
				Source: core.Endpoint{Image: slow + "/app:" + tag}, Target: core.Endpoint{Image: dst + "/app:" + tag}})
			return err
		})
	}
	require.NoError(t, g.Wait())
	// A slot is freed when the copier has read a blob's last byte, a
	// moment before the source's handler returns: one more may overlap.
	assert.LessOrEqual(t, peak.Load(), int32(3), "6 layers and 2 configs, 2 jobs")
	assert.GreaterOrEqual(t, peak.Load(), int32(2))
}

// A blob frees its job slot once its bytes are sent, before the target
// answers the upload: with one job, the next blob streams while the target
// still commits the previous one (docker-registry fsyncs each blob).
func TestSlotFreedBeforeTheUploadAnswer(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	registrytest.PushIndex(t, src+"/app:v1", 64<<10, 3, 1)
	var mu gosync.Mutex
	var committing int  // uploads whose body is in, answer held
	var overlapped bool // a blob GET arrived while an upload was held
	slowCommit := proxy(t, dst, func(w http.ResponseWriter, r *http.Request, next http.Handler) {
		if r.Method != http.MethodPut || !strings.Contains(r.URL.Path, "/blobs/uploads/") {
			next.ServeHTTP(w, r)
			return
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return
		}
		mu.Lock()
		committing++
		mu.Unlock()
		time.Sleep(150 * time.Millisecond) // the commit
		mu.Lock()
		committing--
		mu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
	watch := proxy(t, src, func(w http.ResponseWriter, r *http.Request, next http.Handler) {
		if isBlobGet(r) {
			mu.Lock()
			overlapped = overlapped || committing > 0
			mu.Unlock()
		}
		next.ServeHTTP(w, r)
	})
	e, err := reg.New(reg.WithJobs(1))
	require.NoError(t, err)
	task, err := e.Sync(context.Background(), core.SyncRequest{
		Source: core.Endpoint{Image: watch + "/app:v1"}, Target: core.Endpoint{Image: slowCommit + "/app:v1"}})
	require.NoError(t, err)
	assert.Equal(t, registrytest.Digest(t, src+"/app:v1"), task.Digest)
	assert.True(t, overlapped, "the next blob waited for the previous upload's answer")
}

// A manifest of 400 layers is copied by a bounded number of
// goroutines, not one per layer: a hostile source cannot make the copier
// hold a goroutine (and its stack) per descriptor.
func TestManyLayersFewGoroutines(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	registrytest.PushIndex(t, src+"/app:v1", 16, 400, 1)
	release := make(chan struct{})
	var held atomic.Int32
	gate := proxy(t, src, func(w http.ResponseWriter, r *http.Request, next http.Handler) {
		if isBlobGet(r) && held.Add(1) > 0 {
			<-release
		}
		next.ServeHTTP(w, r)
	})
	e, err := reg.New(reg.WithJobs(4))
	require.NoError(t, err)
	before := runtime.NumGoroutine()
	done := make(chan error, 1)
	go func() {
		_, err := e.Sync(context.Background(), copyReq(gate+"/app:v1", dst+"/app:v1"))
		done <- err
	}()
	require.Eventually(t, func() bool { return held.Load() >= 4 }, 10*time.Second, time.Millisecond)
	time.Sleep(50 * time.Millisecond) // what else would start, starts
	during := runtime.NumGoroutine() - before
	close(release)
	require.NoError(t, <-done)
	assert.Less(t, during, 120, "goroutines while the first blobs are held (one per layer: 400+)")
}

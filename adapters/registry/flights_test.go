package registry_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	gosync "sync"
	"sync/atomic"
	"testing"
	"time"

	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Tags of one image synced at once into docker-registry each succeed, and
// each blob and child manifest is written once: the syncs that want one
// already on its way wait for it. Before, every sync uploaded every blob,
// and docker-registry, rewriting the repository's blob link on each upload,
// failed about one run in three with MANIFEST_BLOB_UNKNOWN.
func TestTagsOfOneImageWriteEachBlobOnce(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.Distribution(t, "")
	registrytest.PushIndex(t, src+"/app:v0", 64<<10, 2, 2) // 2 configs, 4 layers, 2 child manifests
	var uploads, children atomic.Int32
	counted := proxy(t, dst, func(w http.ResponseWriter, r *http.Request, next http.Handler) {
		switch {
		case r.Method == http.MethodPost && strings.Contains(r.URL.Path, "/blobs/uploads/"):
			uploads.Add(1)
		case r.Method == http.MethodPut && strings.Contains(r.URL.Path, "/manifests/sha256:"):
			children.Add(1)
		}
		if r.Method == http.MethodPut {
			time.Sleep(20 * time.Millisecond) // every sync is under way before the first write lands
		}
		next.ServeHTTP(w, r)
	})
	e, err := reg.New(reg.WithJobs(8))
	require.NoError(t, err)

	const tags = 6
	want := registrytest.Digest(t, src+"/app:v0")
	var wg gosync.WaitGroup
	errs := make([]error, tags)
	for i := range tags {
		wg.Go(func() {
			_, errs[i] = e.Sync(context.Background(), copyReq(src+"/app:v0", fmt.Sprintf("%s/app:t%d", counted, i)))
		})
	}
	wg.Wait()
	for i, err := range errs {
		require.NoError(t, err, "tag %d", i)
		assert.Equal(t, want, registrytest.Digest(t, fmt.Sprintf("%s/app:t%d", dst, i)))
	}
	assert.EqualValues(t, 6, uploads.Load(), "one upload per blob")
	assert.EqualValues(t, 2, children.Load(), "one PUT per child manifest")
}

// A manifest the registry answers MANIFEST_BLOB_UNKNOWN for a moment
// (another process uploading the same blob into the same repository) is
// pushed again; one it keeps refusing fails after three tries, saying why.
func TestManifestBlobUnknownIsTriedAgain(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	want := registrytest.PushIndex(t, src+"/app:v1", 1024, 1, 1)
	var puts, refuse atomic.Int32
	flaky := proxy(t, dst, func(w http.ResponseWriter, r *http.Request, next http.Handler) {
		if r.Method == http.MethodPut && strings.Contains(r.URL.Path, "/manifests/") {
			puts.Add(1)
			if refuse.Add(-1) >= 0 {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusBadRequest)
				_, _ = w.Write([]byte(`{"errors":[{"code":"MANIFEST_BLOB_UNKNOWN","message":"blob unknown to registry"}]}`))
				return
			}
		}
		next.ServeHTTP(w, r)
	})
	e, err := reg.New(reg.WithRetry(fastRetry))
	require.NoError(t, err)

	refuse.Store(1)
	task, err := e.Sync(context.Background(), copyReq(src+"/app:v1", flaky+"/app:v1"))
	require.NoError(t, err)
	assert.Equal(t, want, task.Digest)
	assert.EqualValues(t, 2+1, puts.Load(), "the child twice, then the index")

	refuse.Store(100)
	puts.Store(0)
	_, err = e.Sync(context.Background(), copyReq(src+"/app:v1", flaky+"/app:v2"))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "MANIFEST_BLOB_UNKNOWN")
	assert.EqualValues(t, 3, puts.Load())
}

// Two syncs of one image into one repository share its blob writes; when
// the sync that started them is cancelled mid-copy, the writes go on for
// the other, and each blob is still uploaded once (before, the other wrote
// them all again).
func TestBlobWriteOutlivesTheSyncThatStartedIt(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	want := registrytest.PushIndex(t, src+"/app:v0", 64<<10, 1, 1) // a config and a layer under an index
	gate := registrytest.NewGateProxy(t, src)
	var uploads atomic.Int32
	var secondAsked atomic.Bool
	counted := proxy(t, dst, func(w http.ResponseWriter, r *http.Request, next http.Handler) {
		switch {
		case r.Method == http.MethodPost && strings.Contains(r.URL.Path, "/blobs/uploads/"):
			uploads.Add(1)
		case strings.HasSuffix(r.URL.Path, "/manifests/t2"):
			secondAsked.Store(true)
		}
		next.ServeHTTP(w, r)
	})
	e, err := reg.New(reg.WithJobs(4))
	require.NoError(t, err)

	firstCtx, cancelFirst := context.WithCancel(context.Background())
	first, second := make(chan error, 1), make(chan error, 1)
	go func() { _, err := e.Sync(firstCtx, copyReq(gate.Host+"/app:v0", counted+"/app:t1")); first <- err }()
	<-gate.Held
	go func() {
		_, err := e.Sync(context.Background(), copyReq(gate.Host+"/app:v0", counted+"/app:t2"))
		second <- err
	}()
	require.Eventually(t, secondAsked.Load, 10*time.Second, 5*time.Millisecond)
	// The second sync waits for the write the first started.
	require.Eventually(t, func() bool { return reg.SharedWrites(e) > 0 }, 10*time.Second, 5*time.Millisecond)

	cancelFirst()
	require.ErrorIs(t, <-first, context.Canceled)
	gate.Open()
	require.NoError(t, <-second)
	assert.Equal(t, want, registrytest.Digest(t, dst+"/app:t2"))
	assert.EqualValues(t, 2, uploads.Load(), "the config and the layer, once each")
}

// Two syncs from two sources write the same blobs into one repository;
// the second waits for the write the first started. When that write fails
// because of the first sync's source, the second writes the blob itself
// from its own source and succeeds (before, it failed with the other
// source's error).
func TestSharedWriteFailedByAnotherSourceIsWrittenAgain(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	want, _ := pushLayers(t, src+"/app:v1", 64<<10, 1)
	held, release := make(chan struct{}, 8), make(chan struct{})
	denied := proxy(t, src, func(w http.ResponseWriter, r *http.Request, next http.Handler) {
		if isBlobGet(r) {
			held <- struct{}{}
			<-release
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusForbidden)
			_, _ = w.Write([]byte(`{"errors":[{"code":"DENIED","message":"not for you"}]}`))
			return
		}
		next.ServeHTTP(w, r)
	})
	e, err := reg.New(reg.WithJobs(4))
	require.NoError(t, err)

	first, second := make(chan error, 1), make(chan error, 1)
	go func() { _, err := e.Sync(context.Background(), copyReq(denied+"/app:v1", dst+"/app:a")); first <- err }()
	<-held
	go func() { _, err := e.Sync(context.Background(), copyReq(src+"/app:v1", dst+"/app:b")); second <- err }()
	require.Eventually(t, func() bool { return reg.SharedWrites(e) > 0 }, time.Minute, 5*time.Millisecond,
		"the second sync waits for a write the first started")
	close(release)

	err = <-first
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not for you")
	require.NoError(t, <-second, "the second sync's own source serves every blob")
	assert.Equal(t, want, registrytest.Digest(t, dst+"/app:b"))
}

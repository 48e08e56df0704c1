package registry_test

import (
	"context"
	"io"
	"log"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newRegistry starts an in-memory registry on loopback and returns its host.
func newRegistry(t *testing.T) string {
	t.Helper()
	s := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0))))
	t.Cleanup(s.Close)
	return strings.TrimPrefix(s.URL, "http://")
}

func pushIndex(t *testing.T, ref string) v1.Hash {
	t.Helper()
	idx, err := random.Index(1024, 3, 2)
	require.NoError(t, err)
	r, err := name.ParseReference(ref)
	require.NoError(t, err)
	require.NoError(t, remote.WriteIndex(r, idx))
	d, err := idx.Digest()
	require.NoError(t, err)
	return d
}

func pushImage(t *testing.T, ref string) v1.Hash {
	t.Helper()
	img, err := random.Image(2048, 2)
	require.NoError(t, err)
	r, err := name.ParseReference(ref)
	require.NoError(t, err)
	require.NoError(t, remote.Write(r, img))
	d, err := img.Digest()
	require.NoError(t, err)
	return d
}

func digestOf(t *testing.T, ref string) string {
	t.Helper()
	r, err := name.ParseReference(ref)
	require.NoError(t, err)
	d, err := remote.Head(r)
	require.NoError(t, err)
	return d.Digest.String()
}

func sync(t *testing.T, e *reg.Engine, src, dst string, override, dry bool) (core.Task, error) {
	t.Helper()
	return e.Sync(context.Background(), core.SyncRequest{Source: core.Endpoint{Image: src},
		Target: core.Endpoint{Image: dst}, Override: override, DryRun: dry})
}

func TestCopyIndexSkipConflictOverride(t *testing.T) {
	a, b := newRegistry(t), newRegistry(t)
	e, err := reg.New()
	require.NoError(t, err)
	want := pushIndex(t, a+"/team/app:v1")

	task, err := sync(t, e, a+"/team/app:v1", b+"/mirror/app", false, false)
	require.NoError(t, err)
	assert.Equal(t, want.String(), task.Digest)
	assert.False(t, task.Skipped)
	assert.Equal(t, want.String(), digestOf(t, b+"/mirror/app:v1"), "target tag defaults to the source tag")

	task, err = sync(t, e, a+"/team/app:v1", b+"/mirror/app:v1", false, false)
	require.NoError(t, err)
	assert.True(t, task.Skipped)

	other := pushIndex(t, a+"/team/app:v2")
	_, err = sync(t, e, a+"/team/app:v2", b+"/mirror/app:v1", false, false)
	require.ErrorIs(t, err, core.ErrConflict)
	assert.Equal(t, want.String(), digestOf(t, b+"/mirror/app:v1"), "a refused sync leaves the target untouched")

	task, err = sync(t, e, a+"/team/app:v2", b+"/mirror/app:v1", true, true)
	require.NoError(t, err)
	assert.Equal(t, want.String(), digestOf(t, b+"/mirror/app:v1"), "dry run writes nothing")
	assert.Equal(t, other.String(), task.Digest)

	_, err = sync(t, e, a+"/team/app:v2", b+"/mirror/app:v1", true, false)
	require.NoError(t, err)
	assert.Equal(t, other.String(), digestOf(t, b+"/mirror/app:v1"))
}

func TestCopyImageByDigest(t *testing.T) {
	a, b := newRegistry(t), newRegistry(t)
	e, err := reg.New()
	require.NoError(t, err)
	d := pushImage(t, a+"/app:v1")
	task, err := sync(t, e, a+"/app@"+d.String(), b+"/app", false, false)
	require.NoError(t, err)
	assert.Equal(t, d.String(), task.Digest)
	assert.Equal(t, d.String(), digestOf(t, b+"/app@"+d.String()))
}

// A missing image is not found, a registry out of reach unavailable once
// its Outage window is over (a short one here: DefaultRetry's 30 s made
// this the package's slowest test), an unknown region invalid.
func TestErrorsKeepTheirKind(t *testing.T) {
	a, b := newRegistry(t), newRegistry(t)
	e, err := reg.New(reg.WithRetry(reg.Retry{Attempts: 2, Base: time.Millisecond, Max: 10 * time.Millisecond, Outage: 200 * time.Millisecond}))
	require.NoError(t, err)
	_, err = sync(t, e, a+"/missing:v1", b+"/x:v1", false, false)
	require.ErrorIs(t, err, core.ErrNotFound)

	_, err = sync(t, e, "127.0.0.1:1/app:v1", b+"/x:v1", false, false)
	require.ErrorIs(t, err, core.ErrUnavailable)
	assert.Contains(t, err.Error(), "out of reach for")

	_, err = e.Sync(context.Background(), core.SyncRequest{
		Source: core.Endpoint{Engine: "swr", Region: "cn-north-4", Namespace: "t", Repository: "a", Tag: "v"},
		Target: core.Endpoint{Image: b + "/x"}})
	require.ErrorIs(t, err, core.ErrInvalid)
}

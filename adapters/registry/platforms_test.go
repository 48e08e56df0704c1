package registry_test

import (
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Copying chosen platforms pushes a new index of those only; its digest
// differs from the source's, the task says so, and the next sync compares
// the target against the filtered digest and skips.
func TestPlatformsFilterTheIndex(t *testing.T) {
	a, b := registrytest.InMemory(t), registrytest.InMemory(t)
	srcDigest := registrytest.PushPlatforms(t, a+"/app:v1", 1024, "linux/amd64", "linux/arm64/v8", "linux/arm/v7", "windows/amd64")
	e, err := reg.New(reg.WithPlatforms("linux/amd64", "linux/arm64"))
	require.NoError(t, err)

	task, err := sync(t, e, a+"/app:v1", b+"/app", false, false)
	require.NoError(t, err)
	assert.NotEqual(t, srcDigest, task.Digest)
	assert.Equal(t, task.Digest, registrytest.Digest(t, b+"/app:v1"))
	assert.Equal(t, "PLATFORMS_FILTERED", task.ProviderStatus)
	assert.Contains(t, task.Issue, srcDigest)

	ref, _ := name.ParseReference(b + "/app:v1")
	idx, err := remote.Index(ref)
	require.NoError(t, err)
	im, err := idx.IndexManifest()
	require.NoError(t, err)
	var got []string
	for _, m := range im.Manifests {
		got = append(got, m.Platform.String())
		_, err := remote.Image(ref.Context().Digest(m.Digest.String()))
		require.NoError(t, err, "the kept manifests are at the target")
	}
	assert.Equal(t, []string{"linux/amd64", "linux/arm64/v8"}, got)

	again, err := sync(t, e, a+"/app:v1", b+"/app", false, false)
	require.NoError(t, err)
	assert.True(t, again.Skipped, "compared against the filtered digest")
	assert.Equal(t, task.Digest, again.Digest)

	all, err := reg.New()
	require.NoError(t, err)
	_, err = sync(t, all, a+"/app:v1", b+"/app", false, false)
	require.ErrorIs(t, err, core.ErrConflict, "the whole index is another digest")

	none, err := reg.New(reg.WithPlatforms("linux/s390x"))
	require.NoError(t, err)
	_, err = sync(t, none, a+"/app:v1", b+"/other", false, false)
	require.ErrorIs(t, err, core.ErrNotFound)

	_, err = reg.New(reg.WithPlatforms("linux"))
	require.ErrorIs(t, err, core.ErrInvalid)
}

// A filter that keeps every platform leaves the index, and its digest, as is.
func TestPlatformsKeepingAllCopyAsIs(t *testing.T) {
	a, b := registrytest.InMemory(t), registrytest.InMemory(t)
	want := registrytest.PushPlatforms(t, a+"/app:v1", 1024, "linux/amd64", "linux/arm64")
	e, err := reg.New(reg.WithPlatforms("linux/amd64", "linux/arm64"))
	require.NoError(t, err)
	task, err := sync(t, e, a+"/app:v1", b+"/app", false, false)
	require.NoError(t, err)
	assert.Equal(t, want, task.Digest)
	assert.Empty(t, task.ProviderStatus)
}

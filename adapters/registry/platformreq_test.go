package registry_test

import (
	"context"
	"testing"

	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func syncPlatforms(t *testing.T, e *reg.Engine, src, dst string, platforms ...string) (core.Task, error) {
	t.Helper()
	return e.Sync(context.Background(), core.SyncRequest{Source: core.Endpoint{Image: src},
		Target: core.Endpoint{Image: dst}, Platforms: platforms})
}

// A request's platforms filter the index whatever the engine's default;
// ["all"] copies it whole; a repeated request is a no-op.
func TestRequestPlatforms(t *testing.T) {
	a, b := registrytest.InMemory(t), registrytest.InMemory(t)
	whole := registrytest.PushPlatforms(t, a+"/app:v1", 1024, "linux/amd64", "linux/arm64/v8", "linux/arm/v7")
	e, err := reg.New(reg.WithPlatforms("linux/arm/v7"))
	require.NoError(t, err)

	task, err := syncPlatforms(t, e, a+"/app:v1", b+"/one/app:v1", "linux/amd64")
	require.NoError(t, err)
	assert.Equal(t, "PLATFORMS_FILTERED", task.ProviderStatus)
	assert.Contains(t, task.Issue, "linux/amd64")
	assert.NotEqual(t, whole, task.Digest)
	assert.Equal(t, task.Digest, registrytest.Digest(t, b+"/one/app:v1"))
	again, err := syncPlatforms(t, e, a+"/app:v1", b+"/one/app:v1", "linux/amd64")
	require.NoError(t, err)
	assert.True(t, again.Skipped)
	assert.Equal(t, task.Digest, again.Digest)

	def, err := syncPlatforms(t, e, a+"/app:v1", b+"/default/app:v1")
	require.NoError(t, err)
	assert.NotEqual(t, task.Digest, def.Digest, "no platforms in the request: the engine's")

	all, err := syncPlatforms(t, e, a+"/app:v1", b+"/all/app:v1", core.PlatformsAll)
	require.NoError(t, err)
	assert.Equal(t, whole, all.Digest)
	assert.Empty(t, all.ProviderStatus)

	_, err = syncPlatforms(t, e, a+"/app:v1", b+"/bad/app:v1", "linux")
	require.ErrorIs(t, err, core.ErrInvalid)
}

// A target that holds the whole index already holds the platforms asked
// for: filtering it as the source is filtered gives the same index, so the
// sync is a no-op, not a conflict.
func TestRequestPlatformsComparesLikeWithLike(t *testing.T) {
	a, b := registrytest.InMemory(t), registrytest.InMemory(t)
	whole := registrytest.PushPlatforms(t, a+"/app:v1", 1024, "linux/amd64", "linux/arm64")
	e, err := reg.New()
	require.NoError(t, err)
	_, err = syncPlatforms(t, e, a+"/app:v1", b+"/app:v1")
	require.NoError(t, err)

	task, err := syncPlatforms(t, e, a+"/app:v1", b+"/app:v1", "linux/arm64")
	require.NoError(t, err)
	assert.True(t, task.Skipped)
	assert.Equal(t, whole, task.Digest, "the target's digest")
	assert.Equal(t, whole, registrytest.Digest(t, b+"/app:v1"), "untouched")

	other := registrytest.PushPlatforms(t, a+"/app:v2", 1024, "linux/amd64", "linux/arm64")
	_, err = syncPlatforms(t, e, a+"/app:v2", b+"/app:v1", "linux/arm64")
	require.ErrorIs(t, err, core.ErrConflict, "another image's index filters to another digest")
	assert.Equal(t, whole, registrytest.Digest(t, b+"/app:v1"))
	assert.NotEqual(t, whole, other)
}

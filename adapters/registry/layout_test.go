package registry_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/validate"
	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseLayout(t *testing.T) {
	for in, want := range map[string]reg.LayoutRef{
		"oci:/mnt/usb/app":        {Path: "/mnt/usb/app"},
		"oci:/mnt/usb/app:v1.2":   {Path: "/mnt/usb/app", Tag: "v1.2"},
		"oci:app:latest":          {Path: "app", Tag: "latest"},
		"oci:./dir:with/app":      {Path: "./dir:with/app"},
		"oci:/a:b/c:v1":           {Path: "/a:b/c", Tag: "v1"},
		"oci:relative/dir":        {Path: "relative/dir"},
		"oci:/mnt/usb/app:v1_rc1": {Path: "/mnt/usb/app", Tag: "v1_rc1"},
	} {
		got, err := reg.ParseLayout(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
		assert.Equal(t, in, got.String())
	}
	for _, bad := range []string{"oci:", "docker://x", "/mnt/usb/app", "oci:/dir:-bad"} {
		_, err := reg.ParseLayout(bad)
		assert.ErrorIs(t, err, core.ErrInvalid, bad)
	}
}

// validateLayout checks every entry of the layout as crane validate does
// (go-containerregistry's validate package, in full: every blob read and
// hashed).
func validateLayout(t *testing.T, dir string) {
	t.Helper()
	ii, err := layout.ImageIndexFromPath(dir)
	require.NoError(t, err)
	require.NoError(t, validate.Index(ii))
}

// registry -> layout -> another registry, byte for byte: the layout's
// entries and the second registry's tags have the source's digests; both
// pass crane's validation; repeats are no-ops; a moved tag needs override.
func TestLayoutRoundTrip(t *testing.T) {
	a, b := registrytest.InMemory(t), registrytest.InMemory(t)
	idx := registrytest.PushPlatforms(t, a+"/team/app:v1", 4096, "linux/amd64", "linux/arm64/v8")
	img := pushImage(t, a+"/team/app:v2").String()
	dir := filepath.Join(t.TempDir(), "usb", "app")
	e, err := reg.New()
	require.NoError(t, err)
	ctx := context.Background()

	task, err := e.ToLayout(ctx, a+"/team/app:v1", reg.LayoutRef{Path: dir}, false, false)
	require.NoError(t, err)
	assert.Equal(t, idx, task.Digest)
	assert.False(t, task.Skipped)
	task, err = e.ToLayout(ctx, a+"/team/app:v2", reg.LayoutRef{Path: dir, Tag: "v2"}, false, false)
	require.NoError(t, err)
	assert.Equal(t, img, task.Digest)
	tags, err := reg.LayoutTags(dir)
	require.NoError(t, err)
	assert.Equal(t, []string{"v1", "v2"}, tags)
	validateLayout(t, dir)

	again, err := e.ToLayout(ctx, a+"/team/app:v1", reg.LayoutRef{Path: dir}, false, false)
	require.NoError(t, err)
	assert.True(t, again.Skipped)
	_, err = e.ToLayout(ctx, a+"/team/app:v2", reg.LayoutRef{Path: dir, Tag: "v1"}, false, false)
	require.ErrorIs(t, err, core.ErrConflict)

	for tag, want := range map[string]string{"v1": idx, "v2": img} {
		task, err := e.FromLayout(ctx, reg.LayoutRef{Path: dir, Tag: tag}, b+"/mirror/app", false, false)
		require.NoError(t, err, tag)
		assert.Equal(t, want, task.Digest)
		assert.Equal(t, want, digestOf(t, b+"/mirror/app:"+tag))
		again, err := e.FromLayout(ctx, reg.LayoutRef{Path: dir, Tag: tag}, b+"/mirror/app:"+tag, false, false)
		require.NoError(t, err)
		assert.True(t, again.Skipped)
	}
	r, err := name.ParseReference(b + "/mirror/app:v1")
	require.NoError(t, err)
	ri, err := remote.Index(r)
	require.NoError(t, err)
	require.NoError(t, validate.Index(ri), "crane validate --remote")
	_, err = e.FromLayout(ctx, reg.LayoutRef{Path: dir, Tag: "v2"}, b+"/mirror/app:v1", false, false)
	require.ErrorIs(t, err, core.ErrConflict)
	task, err = e.FromLayout(ctx, reg.LayoutRef{Path: dir, Tag: "v2"}, b+"/mirror/app:v1", true, false)
	require.NoError(t, err)
	assert.Equal(t, img, digestOf(t, b+"/mirror/app:v1"))
}

// A layout another tool wrote (ref.name a full reference) is read by its
// tags; a missing tag, a missing layout and a dry run say so.
func TestLayoutOthersAndMistakes(t *testing.T) {
	dir := t.TempDir()
	p, err := layout.Write(dir, empty.Index)
	require.NoError(t, err)
	im, err := random.Image(512, 1)
	require.NoError(t, err)
	require.NoError(t, p.AppendImage(im, layout.WithAnnotations(map[string]string{"org.opencontainers.image.ref.name": "docker.io/library/app:3.19"})))
	tags, err := reg.LayoutTags(dir)
	require.NoError(t, err)
	assert.Equal(t, []string{"3.19"}, tags)

	b := registrytest.InMemory(t)
	e, err := reg.New()
	require.NoError(t, err)
	ctx := context.Background()
	dry, err := e.FromLayout(ctx, reg.LayoutRef{Path: dir, Tag: "3.19"}, b+"/app", false, true)
	require.NoError(t, err)
	assert.True(t, dry.DryRun)
	assert.Empty(t, registrytest.Digest(t, b+"/app:3.19"), "a dry run writes nothing")
	task, err := e.FromLayout(ctx, reg.LayoutRef{Path: dir}, b+"/app", false, false)
	require.NoError(t, err, "the only entry, its tag from the reference")
	d, _ := im.Digest()
	assert.Equal(t, d.String(), task.Digest)
	assert.Equal(t, d.String(), digestOf(t, b+"/app:3.19"))

	_, err = e.FromLayout(ctx, reg.LayoutRef{Path: dir, Tag: "nope"}, b+"/app", false, false)
	assert.ErrorIs(t, err, core.ErrNotFound)
	_, err = e.FromLayout(ctx, reg.LayoutRef{Path: filepath.Join(dir, "missing"), Tag: "v1"}, b+"/app", false, false)
	assert.ErrorIs(t, err, core.ErrNotFound)
	_, err = e.ToLayout(ctx, b+"/app@"+d.String(), reg.LayoutRef{Path: dir}, false, false)
	assert.ErrorIs(t, err, core.ErrInvalid, "a digest source needs the layout's tag")
	fresh := filepath.Join(t.TempDir(), "new")
	dry, err = e.ToLayout(ctx, b+"/app:3.19", reg.LayoutRef{Path: fresh}, false, true)
	require.NoError(t, err)
	assert.NoDirExists(t, fresh, "a dry run makes no layout")
}

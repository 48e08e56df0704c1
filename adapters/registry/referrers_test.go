package registry_test

import (
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// attach pushes a random artifact whose subject is the image at ref and
// returns its digest; the registry indexes it (API) or ggcr updates the
// sha256-<hex> fallback tag (no API).
func attach(t *testing.T, ref string) v1.Hash {
	t.Helper()
	r, err := name.ParseReference(ref)
	require.NoError(t, err)
	desc, err := remote.Head(r)
	require.NoError(t, err)
	img, err := random.Image(512, 1)
	require.NoError(t, err)
	sig := mutate.Subject(img, *desc).(v1.Image)
	d, err := sig.Digest()
	require.NoError(t, err)
	require.NoError(t, remote.Write(r.Context().Digest(d.String()), sig))
	return d
}

func referrerDigests(t *testing.T, ref string) []string {
	t.Helper()
	d, err := name.NewDigest(ref)
	require.NoError(t, err)
	idx, err := remote.Referrers(d)
	require.NoError(t, err)
	im, err := idx.IndexManifest()
	require.NoError(t, err)
	var out []string
	for _, m := range im.Manifests {
		out = append(out, m.Digest.String())
	}
	return out
}

// Referrers listed by the API and cosign's tags follow the image; a dry
// run only counts them; ones attached later follow on a no-op sync.
func TestReferrersThroughTheAPI(t *testing.T) {
	a, b := registrytest.InMemoryReferrers(t), registrytest.InMemoryReferrers(t)
	img := pushImage(t, a+"/app:v1")
	sig := attach(t, a+"/app:v1")
	cosignTag := "sha256-" + img.Hex + ".sig"
	pushImage(t, a+"/app:"+cosignTag)
	e, err := reg.New(reg.WithReferrers(true))
	require.NoError(t, err)

	task, err := sync(t, e, a+"/app:v1", b+"/app", false, true)
	require.NoError(t, err)
	assert.Greater(t, task.Bytes, int64(2*2048+512), "the image and what points at it would move")
	assert.Empty(t, registrytest.Digest(t, b+"/app:"+cosignTag), "dry run writes nothing")

	_, err = sync(t, e, a+"/app:v1", b+"/app", false, false)
	require.NoError(t, err)
	assert.Equal(t, []string{sig.String()}, referrerDigests(t, b+"/app@"+img.String()))
	assert.NotEmpty(t, registrytest.Digest(t, b+"/app:"+cosignTag))

	sbom := attach(t, a+"/app:v1")
	task, err = sync(t, e, a+"/app:v1", b+"/app", false, false)
	require.NoError(t, err)
	assert.True(t, task.Skipped)
	assert.ElementsMatch(t, []string{sig.String(), sbom.String()}, referrerDigests(t, b+"/app@"+img.String()))
}

// Without a referrers API the sha256-<hex> fallback tag is copied as is.
func TestReferrersThroughTheFallbackTag(t *testing.T) {
	a, b := registrytest.InMemory(t), registrytest.InMemory(t)
	img := pushImage(t, a+"/app:v1")
	sig := attach(t, a+"/app:v1")
	fallback := "sha256-" + img.Hex
	require.NotEmpty(t, registrytest.Digest(t, a+"/app:"+fallback), "ggcr wrote the fallback tag")
	e, err := reg.New(reg.WithReferrers(true))
	require.NoError(t, err)
	_, err = sync(t, e, a+"/app:v1", b+"/app", false, false)
	require.NoError(t, err)
	assert.Equal(t, registrytest.Digest(t, a+"/app:"+fallback), registrytest.Digest(t, b+"/app:"+fallback))
	assert.Equal(t, []string{sig.String()}, referrerDigests(t, b+"/app@"+img.String()))

	off, err := reg.New()
	require.NoError(t, err)
	_, err = sync(t, off, a+"/app:v1", b+"/other", false, false)
	require.NoError(t, err)
	assert.Empty(t, registrytest.Digest(t, b+"/other:"+fallback), "off by default")
}

// A target without the API gets the referrers in its fallback index.
func TestReferrersIntoATargetWithoutTheAPI(t *testing.T) {
	a, b := registrytest.InMemoryReferrers(t), registrytest.InMemory(t)
	img := pushImage(t, a+"/app:v1")
	sig := attach(t, a+"/app:v1")
	e, err := reg.New(reg.WithReferrers(true))
	require.NoError(t, err)
	for range 2 {
		_, err = sync(t, e, a+"/app:v1", b+"/app", false, false)
		require.NoError(t, err)
		assert.Equal(t, []string{sig.String()}, referrerDigests(t, b+"/app@"+img.String()))
	}
}

package registrytest

import (
	"io"
	"log"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// InMemory starts go-containerregistry's in-memory registry on loopback and
// returns its host:port.
func InMemory(t testing.TB) string {
	t.Helper()
	return inMemory(t)
}

func inMemory(t testing.TB, opts ...registry.Option) string {
	t.Helper()
	s := httptest.NewServer(registry.New(append([]registry.Option{registry.Logger(log.New(io.Discard, "", 0))}, opts...)...))
	t.Cleanup(s.Close)
	return strings.TrimPrefix(s.URL, "http://")
}

// PushIndex pushes a random multi-arch image index of archs images, each of
// layers layers of layerSize bytes, to ref and returns its digest.
func PushIndex(t testing.TB, ref string, layerSize int64, layers, archs int) string {
	t.Helper()
	idx, err := random.Index(layerSize, int64(layers), int64(archs))
	if err != nil {
		t.Fatal(err)
	}
	return writeIndex(t, ref, idx)
}

// writeIndex pushes idx to ref and returns its digest.
func writeIndex(t testing.TB, ref string, idx v1.ImageIndex) string {
	t.Helper()
	r, err := name.ParseReference(ref)
	if err != nil {
		t.Fatal(err)
	}
	if err := remote.WriteIndex(r, idx); err != nil {
		t.Fatal(err)
	}
	d, err := idx.Digest()
	if err != nil {
		t.Fatal(err)
	}
	return d.String()
}

// Digest returns the digest ref resolves to, or "" when it does not exist.
func Digest(t testing.TB, ref string) string {
	t.Helper()
	r, err := name.ParseReference(ref)
	if err != nil {
		t.Fatal(err)
	}
	d, err := remote.Head(r)
	if err != nil {
		return ""
	}
	return d.Digest.String()
}

// Copy copies src to dst with go-containerregistry, as a peer tool would.
func Copy(t testing.TB, src, dst string) {
	t.Helper()
	s, err := name.ParseReference(src)
	if err != nil {
		t.Fatal(err)
	}
	desc, err := remote.Get(s)
	if err != nil {
		t.Fatal(err)
	}
	idx, err := desc.ImageIndex()
	if err != nil {
		t.Fatal(err)
	}
	writeIndex(t, dst, idx)
}

// InMemoryReferrers is InMemory with the OCI referrers API turned on.
func InMemoryReferrers(t testing.TB) string {
	t.Helper()
	return inMemory(t, registry.WithReferrersSupport(true))
}

// PushPlatforms pushes an index of one random image per platform
// ("linux/amd64", "linux/arm/v7"), each of one layer of layerSize bytes,
// and returns the index's digest.
func PushPlatforms(t testing.TB, ref string, layerSize int64, platforms ...string) string {
	t.Helper()
	var idx v1.ImageIndex = empty.Index
	for _, s := range platforms {
		p, err := v1.ParsePlatform(s)
		if err != nil {
			t.Fatal(err)
		}
		img := platformImage(t, layerSize, p)
		idx = mutate.AppendManifests(idx, mutate.IndexAddendum{Add: img, Descriptor: v1.Descriptor{Platform: p}})
	}
	return writeIndex(t, ref, idx)
}

// platformImage is a random image of one layer whose config names p, as
// a real image's does (crane validate checks it against the index).
func platformImage(t testing.TB, layerSize int64, p *v1.Platform) v1.Image {
	t.Helper()
	img, err := random.Image(layerSize, 1)
	if err != nil {
		t.Fatal(err)
	}
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	cf = cf.DeepCopy()
	cf.OS, cf.Architecture, cf.Variant = p.OS, p.Architecture, p.Variant
	if img, err = mutate.ConfigFile(img, cf); err != nil {
		t.Fatal(err)
	}
	return img
}

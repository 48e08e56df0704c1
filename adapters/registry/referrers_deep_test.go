package registry_test

import (
	"net/http"
	"strings"
	gosync "sync"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cosignTag is the tag cosign gives to what it attaches to d ("sig", "att").
func cosignTag(d v1.Hash, kind string) string { return "sha256-" + d.Hex + "." + kind }

// sign pushes a small random image as cosign's kind ("sig", "att") of d in
// repo, the tag scheme: no subject, only the tag names d.
func sign(t *testing.T, repo string, d v1.Hash, kind string) v1.Hash {
	t.Helper()
	img, err := random.Image(256, 1)
	require.NoError(t, err)
	r, err := name.ParseReference(repo + ":" + cosignTag(d, kind))
	require.NoError(t, err)
	require.NoError(t, remote.Write(r, img))
	h, err := img.Digest()
	require.NoError(t, err)
	return h
}

// recorder records "METHOD host/path" of every request the engine sends.
type recorder struct {
	mu   gosync.Mutex
	reqs []string
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	r.reqs = append(r.reqs, req.Method+" "+req.URL.Host+req.URL.Path)
	r.mu.Unlock()
	return http.DefaultTransport.RoundTrip(req)
}

// count returns how many requests started with prefix.
func (r *recorder) count(prefix string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, s := range r.reqs {
		if strings.HasPrefix(s, prefix) {
			n++
		}
	}
	return n
}

// writes returns the requests that would change host.
func (r *recorder) writes(host string) []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, s := range r.reqs {
		method, rest, _ := strings.Cut(s, " ")
		if strings.HasPrefix(rest, host+"/") && method != http.MethodGet && method != http.MethodHead {
			out = append(out, s)
		}
	}
	return out
}

func (r *recorder) reset() {
	r.mu.Lock()
	r.reqs = nil
	r.mu.Unlock()
}

func strs(hs ...v1.Hash) []string {
	out := make([]string, 0, len(hs))
	for _, h := range hs {
		out = append(out, h.String())
	}
	return out
}

// A signature of an SBOM attestation, and its own counter-signature, follow
// the image through the referrers API; one attached to a referrer later
// follows on a no-op sync.
func TestReferrersOfReferrersThroughTheAPI(t *testing.T) {
	a, b := registrytest.InMemoryReferrers(t), registrytest.InMemoryReferrers(t)
	img := pushImage(t, a+"/app:v1")
	sig := attach(t, a+"/app:v1")
	sbom := attach(t, a+"/app:v1")
	sbomSig := attach(t, a+"/app@"+sbom.String())
	counter := attach(t, a+"/app@"+sbomSig.String())
	e, err := reg.New(reg.WithReferrers(true))
	require.NoError(t, err)

	_, err = sync(t, e, a+"/app:v1", b+"/app", false, false)
	require.NoError(t, err)
	assert.ElementsMatch(t, strs(sig, sbom), referrerDigests(t, b+"/app@"+img.String()))
	assert.Equal(t, strs(sbomSig), referrerDigests(t, b+"/app@"+sbom.String()))
	assert.Equal(t, strs(counter), referrerDigests(t, b+"/app@"+sbomSig.String()))
	for _, d := range []v1.Hash{sig, sbom, sbomSig, counter} {
		assert.Equal(t, d.String(), registrytest.Digest(t, b+"/app@"+d.String()), "same digest at the target")
	}

	sigSig := attach(t, a+"/app@"+sig.String())
	task, err := sync(t, e, a+"/app:v1", b+"/app", false, false)
	require.NoError(t, err)
	assert.True(t, task.Skipped)
	assert.Equal(t, strs(sigSig), referrerDigests(t, b+"/app@"+sig.String()))
}

// Referrers are followed four levels deep, no further.
func TestReferrersStopAtTheDepthLimit(t *testing.T) {
	a, b := registrytest.InMemoryReferrers(t), registrytest.InMemoryReferrers(t)
	pushImage(t, a+"/app:v1")
	chain := []v1.Hash{attach(t, a+"/app:v1")}
	for range 4 {
		chain = append(chain, attach(t, a+"/app@"+chain[len(chain)-1].String()))
	}
	e, err := reg.New(reg.WithReferrers(true))
	require.NoError(t, err)
	_, err = sync(t, e, a+"/app:v1", b+"/app", false, false)
	require.NoError(t, err)
	for i, d := range chain[:4] {
		assert.Equal(t, d.String(), registrytest.Digest(t, b+"/app@"+d.String()), "level %d", i+1)
	}
	assert.Empty(t, registrytest.Digest(t, b+"/app@"+chain[4].String()), "level 5 is past the limit")
}

// Without a referrers API (the distribution registry), cosign's tags of
// tags and the sha256-<hex> fallback tags of referrers follow the image,
// each under the same tag and digest.
func TestReferrersOfReferrersThroughCosignTagsAndFallback(t *testing.T) {
	a, b := registrytest.Distribution(t, ""), registrytest.Distribution(t, "")
	img := pushImage(t, a+"/app:v1")
	sig := sign(t, a+"/app", img, "sig")
	sigSig := sign(t, a+"/app", sig, "sig")
	att := sign(t, a+"/app", img, "att")
	attSig := sign(t, a+"/app", att, "sig")
	sbom := attach(t, a+"/app:v1")
	sbomSig := attach(t, a+"/app@"+sbom.String())
	sbomSigSig := sign(t, a+"/app", sbomSig, "sig")
	tags := []string{cosignTag(img, "sig"), cosignTag(sig, "sig"), cosignTag(img, "att"), cosignTag(att, "sig"),
		"sha256-" + img.Hex, "sha256-" + sbom.Hex, cosignTag(sbomSig, "sig")}
	for _, tag := range tags {
		require.NotEmpty(t, registrytest.Digest(t, a+"/app:"+tag), tag)
	}
	e, err := reg.New(reg.WithReferrers(true))
	require.NoError(t, err)

	_, err = sync(t, e, a+"/app:v1", b+"/app", false, false)
	require.NoError(t, err)
	for _, tag := range tags {
		assert.Equal(t, registrytest.Digest(t, a+"/app:"+tag), registrytest.Digest(t, b+"/app:"+tag), tag)
	}
	for _, d := range []v1.Hash{sig, sigSig, att, attSig, sbom, sbomSig, sbomSigSig} {
		assert.Equal(t, d.String(), registrytest.Digest(t, b+"/app@"+d.String()))
	}
	assert.Equal(t, strs(sbom), referrerDigests(t, b+"/app@"+img.String()))
	assert.Equal(t, strs(sbomSig), referrerDigests(t, b+"/app@"+sbom.String()))

	task, err := sync(t, e, a+"/app:v1", b+"/app", false, false)
	require.NoError(t, err)
	assert.True(t, task.Skipped)
}

// A cycle of cosign tags (the signature's signature is the image) and a
// referrer both listed by the API and tagged are walked once: each digest's
// referrers are asked for once, and a no-op sync then pulls no manifest.
func TestReferrersCycleAndRepeatsAreWalkedOnce(t *testing.T) {
	a, b := registrytest.InMemoryReferrers(t), registrytest.InMemoryReferrers(t)
	img := pushImage(t, a+"/app:v1")
	sig := sign(t, a+"/app", img, "sig")
	tag(t, a+"/app@"+img.String(), a+"/app:"+cosignTag(sig, "sig"))
	sbom := attach(t, a+"/app:v1")
	tag(t, a+"/app@"+sbom.String(), a+"/app:"+cosignTag(img, "att"))
	rec := &recorder{}
	e, err := reg.New(reg.WithReferrers(true), reg.WithTransport(rec))
	require.NoError(t, err)

	_, err = sync(t, e, a+"/app:v1", b+"/app", false, false)
	require.NoError(t, err)
	assert.Equal(t, sig.String(), registrytest.Digest(t, b+"/app:"+cosignTag(img, "sig")))
	assert.Equal(t, img.String(), registrytest.Digest(t, b+"/app:"+cosignTag(sig, "sig")))
	assert.Equal(t, sbom.String(), registrytest.Digest(t, b+"/app:"+cosignTag(img, "att")))
	assert.Equal(t, strs(sbom), referrerDigests(t, b+"/app@"+img.String()))
	lookups := func() int { return rec.count("GET " + a + "/v2/app/referrers/") }
	for _, d := range []v1.Hash{img, sig, sbom} {
		assert.Equal(t, 1, rec.count("GET "+a+"/v2/app/referrers/"+d.String()), "referrers of %s asked once", d)
	}
	assert.Equal(t, 3, lookups())

	rec.reset()
	task, err := sync(t, e, a+"/app:v1", b+"/app", false, false)
	require.NoError(t, err)
	assert.True(t, task.Skipped)
	assert.Equal(t, 3, lookups(), "one lookup per subject")
	assert.Zero(t, rec.count("GET "+a+"/v2/app/manifests/"), "nothing to pull")
	assert.Empty(t, rec.writes(b), "nothing to write")
}

// Referrers of an index's child manifests (per-platform signatures) follow
// it, new ones on a no-op sync too; a platform-filtered index takes none.
func TestReferrersOfIndexChildren(t *testing.T) {
	a, b := registrytest.InMemoryReferrers(t), registrytest.InMemoryReferrers(t)
	idx, err := v1.NewHash(registrytest.PushPlatforms(t, a+"/app:v1", 512, "linux/amd64", "linux/arm64"))
	require.NoError(t, err)
	r, err := name.ParseReference(a + "/app:v1")
	require.NoError(t, err)
	ii, err := remote.Index(r)
	require.NoError(t, err)
	im, err := ii.IndexManifest()
	require.NoError(t, err)
	require.Len(t, im.Manifests, 2)
	c0, c1 := im.Manifests[0].Digest, im.Manifests[1].Digest
	idxSig := attach(t, a+"/app:v1")
	c0Sig := attach(t, a+"/app@"+c0.String())
	c0SigSig := attach(t, a+"/app@"+c0Sig.String())
	c1Sig := sign(t, a+"/app", c1, "sig")
	e, err := reg.New(reg.WithReferrers(true))
	require.NoError(t, err)

	_, err = sync(t, e, a+"/app:v1", b+"/app", false, false)
	require.NoError(t, err)
	assert.Equal(t, strs(idxSig), referrerDigests(t, b+"/app@"+idx.String()))
	assert.Equal(t, strs(c0Sig), referrerDigests(t, b+"/app@"+c0.String()))
	assert.Equal(t, strs(c0SigSig), referrerDigests(t, b+"/app@"+c0Sig.String()))
	assert.Equal(t, c1Sig.String(), registrytest.Digest(t, b+"/app:"+cosignTag(c1, "sig")))

	c1Att := attach(t, a+"/app@"+c1.String())
	task, err := sync(t, e, a+"/app:v1", b+"/app", false, false)
	require.NoError(t, err)
	assert.True(t, task.Skipped)
	assert.Equal(t, strs(c1Att), referrerDigests(t, b+"/app@"+c1.String()))

	filtered, err := reg.New(reg.WithReferrers(true), reg.WithPlatforms("linux/amd64"))
	require.NoError(t, err)
	task, err = sync(t, filtered, a+"/app:v1", b+"/filtered", false, false)
	require.NoError(t, err)
	assert.Equal(t, "PLATFORMS_FILTERED", task.ProviderStatus)
	assert.Empty(t, registrytest.Digest(t, b+"/filtered@"+c0Sig.String()))
	assert.Empty(t, registrytest.Digest(t, b+"/filtered:"+cosignTag(c1, "sig")))
}

// A dry run plans the referrers of referrers (it HEADs them at the target)
// and writes nothing, whether the image itself is there or not.
func TestReferrersOfReferrersDryRun(t *testing.T) {
	a, b := registrytest.InMemoryReferrers(t), registrytest.InMemoryReferrers(t)
	img := pushImage(t, a+"/app:v1")
	sig := attach(t, a+"/app:v1")
	sigSig := attach(t, a+"/app@"+sig.String())
	counter := sign(t, a+"/app", sigSig, "sig")
	rec := &recorder{}
	e, err := reg.New(reg.WithReferrers(true), reg.WithTransport(rec))
	require.NoError(t, err)
	planned := func() {
		t.Helper()
		assert.Positive(t, rec.count("HEAD "+b+"/v2/app/manifests/"+sigSig.String()), "level 2 planned")
		assert.Positive(t, rec.count("HEAD "+b+"/v2/app/manifests/"+cosignTag(sigSig, "sig")), "level 3 planned")
		assert.Empty(t, rec.writes(b))
		for _, d := range []v1.Hash{sig, sigSig, counter} {
			assert.Empty(t, registrytest.Digest(t, b+"/app@"+d.String()))
		}
		assert.Empty(t, registrytest.Digest(t, b+"/app:"+cosignTag(sigSig, "sig")))
	}

	_, err = sync(t, e, a+"/app:v1", b+"/app", false, true)
	require.NoError(t, err)
	planned()
	assert.Empty(t, registrytest.Digest(t, b+"/app:v1"))

	off, err := reg.New()
	require.NoError(t, err)
	_, err = sync(t, off, a+"/app:v1", b+"/app", false, false)
	require.NoError(t, err)
	require.Equal(t, img.String(), registrytest.Digest(t, b+"/app:v1"))
	rec.reset()
	task, err := sync(t, e, a+"/app:v1", b+"/app", false, true)
	require.NoError(t, err)
	assert.True(t, task.Skipped)
	planned()
}

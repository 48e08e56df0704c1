package registry

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const buildxIndex = `{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","size":1,"platform":{"os":"linux","architecture":"amd64"}},
{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","size":1,"platform":{"os":"linux","architecture":"arm64"}},
{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc","size":1,"platform":{"os":"unknown","architecture":"unknown"},
 "annotations":{"vnd.docker.reference.digest":"sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","vnd.docker.reference.type":"attestation-manifest"}},
{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd","size":1,"platform":{"os":"unknown","architecture":"unknown"},
 "annotations":{"vnd.docker.reference.digest":"sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","vnd.docker.reference.type":"attestation-manifest"}}],
"annotations":{"org.opencontainers.image.source":"x"}}`

// Filtering keeps the chosen images, their attestations and every other
// field; the same input gives the same bytes.
func TestFilterIndexKeepsAttestationsAndFields(t *testing.T) {
	want, err := parsePlatforms([]string{"linux/amd64"})
	require.NoError(t, err)
	out, changed, err := filterIndex([]byte(buildxIndex), want)
	require.NoError(t, err)
	require.True(t, changed)
	var idx struct {
		Manifests   []struct{ Digest string }
		Annotations map[string]string
		MediaType   string
	}
	require.NoError(t, json.Unmarshal(out, &idx))
	require.Len(t, idx.Manifests, 2)
	assert.Contains(t, idx.Manifests[0].Digest, "aaaa")
	assert.Contains(t, idx.Manifests[1].Digest, "cccc")
	assert.Equal(t, "x", idx.Annotations["org.opencontainers.image.source"])
	assert.Equal(t, "application/vnd.oci.image.index.v1+json", idx.MediaType)
	again, _, _ := filterIndex([]byte(buildxIndex), want)
	assert.Equal(t, out, again)
}

// Index bytes come from registries: filtering never panics on them.
func FuzzFilterIndex(f *testing.F) {
	f.Add([]byte(buildxIndex))
	f.Add([]byte(`{"manifests":[{"platform":null}]}`))
	f.Add([]byte(`{"manifests":7}`))
	f.Add([]byte(`[]`))
	want, _ := parsePlatforms([]string{"linux/amd64", "linux/arm/v7"})
	f.Fuzz(func(t *testing.T, raw []byte) {
		out, changed, err := filterIndex(raw, want)
		if err == nil && changed && !json.Valid(out) {
			t.Fatalf("invalid JSON out of %q", raw)
		}
	})
}

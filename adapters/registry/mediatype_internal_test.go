package registry

import (
	"net/http"
	"testing"

	"github.com/google/go-containerregistry/pkg/v1/types"
	"github.com/stretchr/testify/assert"
)

func TestContentType(t *testing.T) {
	for in, want := range map[string]types.MediaType{
		"application/vnd.oci.image.index.v1+json":                types.OCIImageIndex,
		"application/vnd.oci.image.index.v1+json; charset=utf-8": types.OCIImageIndex,
		"Application/VND.OCI.Image.Index.v1+json ;charset=\"x":   types.OCIImageIndex, // broken parameter
		"application/json; charset=utf-8":                        "",
		"text/plain":                                             "",
		"":                                                       "",
		"application/vnd.docker.distribution.manifest.v2+json": types.DockerManifestSchema2,
	} {
		assert.Equal(t, want, contentType(http.Header{"Content-Type": {in}}), in)
	}
}

func TestManifestType(t *testing.T) {
	for _, tc := range []struct {
		raw          string
		served, hint types.MediaType
		want         types.MediaType
	}{
		{`{"mediaType":"x"}`, types.OCIImageIndex, "", types.OCIImageIndex},
		{`{"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json"}`, "", types.OCIImageIndex, types.DockerManifestList},
		{`{"schemaVersion":2,"config":{},"layers":[]}`, "", types.DockerManifestSchema2, types.DockerManifestSchema2},
		{`{"schemaVersion":2,"manifests":[]}`, "", "", types.OCIImageIndex},
		{`{"schemaVersion":2,"config":{},"layers":[]}`, "", "", types.OCIManifestSchema1},
		{`{"schemaVersion":1,"fsLayers":[],"signatures":[{}]}`, "", "", types.DockerManifestSchema1Signed},
		{`{"schemaVersion":1,"fsLayers":[]}`, "", "", types.DockerManifestSchema1},
		{`not json`, "", "", types.OCIManifestSchema1},
	} {
		assert.Equal(t, tc.want, manifestType([]byte(tc.raw), tc.served, tc.hint), tc.raw)
	}
}

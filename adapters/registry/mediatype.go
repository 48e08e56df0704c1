package registry

import (
	"encoding/json"
	"mime"
	"net/http"
	"strings"

	"github.com/google/go-containerregistry/pkg/v1/types"
)

// contentType is the media type of a manifest answer without parameters
// (some registries add "; charset=utf-8", which would hide an index), or
// "" when the registry named none or only a generic one.
func contentType(h http.Header) types.MediaType {
	v := h.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(v)
	if err != nil {
		mt, _, _ = strings.Cut(v, ";")
		mt = strings.ToLower(strings.TrimSpace(mt))
	}
	switch mt {
	case "application/json", "text/plain", "application/octet-stream", "binary/octet-stream":
		return ""
	}
	return types.MediaType(mt)
}

// manifestType is the media type of the manifest raw: the one it was
// served as, else its mediaType field, else hint (what the index or a
// HEAD said), else what its shape tells: schema 1, an index by its
// manifests, or an OCI image manifest, which may leave mediaType out.
func manifestType(raw []byte, served, hint types.MediaType) types.MediaType {
	if served != "" {
		return served
	}
	var m struct {
		MediaType     types.MediaType   `json:"mediaType"`
		SchemaVersion int               `json:"schemaVersion"`
		Manifests     []json.RawMessage `json:"manifests"`
		Signatures    []json.RawMessage `json:"signatures"`
	}
	_ = json.Unmarshal(raw, &m)
	switch {
	case m.MediaType != "":
		return m.MediaType
	case hint != "":
		return hint
	case m.SchemaVersion == 1 && len(m.Signatures) > 0:
		return types.DockerManifestSchema1Signed
	case m.SchemaVersion == 1:
		return types.DockerManifestSchema1
	case m.Manifests != nil:
		return types.OCIImageIndex
	}
	return types.OCIManifestSchema1
}

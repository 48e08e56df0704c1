package registry

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// referrersOf asks the OCI referrers API what points at d. supported is
// false when the registry has no such API (404 or 400 on the endpoint);
// the caller then looks at the sha256-<hex> fallback tag. Only the first
// page of an answer is read.
func (r *repoClient) referrersOf(ctx context.Context, d v1.Hash) (descs []v1.Descriptor, supported bool, err error) {
	res, err := r.do(ctx, http.MethodGet, r.url("referrers", d.String()), nil,
		http.Header{"Accept": {"application/vnd.oci.image.index.v1+json"}})
	if err != nil {
		return nil, false, err
	}
	defer res.Body.Close()
	switch res.StatusCode {
	case http.StatusNotFound, http.StatusBadRequest, http.StatusMethodNotAllowed:
		return nil, false, nil
	}
	if err := check(res, http.StatusOK); err != nil {
		return nil, false, err
	}
	var idx v1.IndexManifest
	raw, err := io.ReadAll(io.LimitReader(res.Body, maxSmallBody))
	if err == nil {
		err = json.Unmarshal(raw, &idx)
	}
	if err != nil {
		return nil, false, fmt.Errorf("decoding referrers of %s: %w", d, err)
	}
	return idx.Manifests, true, nil
}

// referrerTags are the tags that point at d by name: the OCI fallback tag
// (an index of its referrers) and cosign's signature, attestation and SBOM
// tags.
func referrerTags(d v1.Hash, fallback bool) []string {
	base := d.Algorithm + "-" + d.Hex
	tags := []string{base + ".sig", base + ".att", base + ".sbom"}
	if fallback {
		tags = append([]string{base}, tags...)
	}
	return tags
}

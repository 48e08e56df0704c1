package registry

import (
	"context"
	"encoding/json"
	"slices"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// indexFallback makes a registry without the referrers API list descs as
// referrers of subject, the OCI 1.1 way: descs are merged into the index
// under the sha256-<hex> tag, which is pushed only when it gains one. The
// caller has asked whether the registry has the API: one that has indexed
// them itself when they were pushed.
func (r *repoClient) indexFallback(ctx context.Context, subject v1.Hash, descs []v1.Descriptor) error {
	tag := referrerTags(subject, true)[0]
	idx := v1.IndexManifest{SchemaVersion: 2, MediaType: types.OCIImageIndex}
	cur, found, err := r.headManifest(ctx, tag)
	if err != nil {
		return err
	}
	if found {
		raw, _, err := r.getManifest(ctx, cur.Digest)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(raw, &idx); err != nil {
			return err
		}
	}
	added := false
	for _, d := range descs {
		if !slices.ContainsFunc(idx.Manifests, func(m v1.Descriptor) bool { return m.Digest == d.Digest }) {
			idx.Manifests, added = append(idx.Manifests, d), true
		}
	}
	if !added {
		return nil
	}
	raw, err := json.Marshal(idx)
	if err != nil {
		return err
	}
	_, err = r.putManifest(ctx, tag, raw, types.OCIImageIndex)
	return err
}

package registry

import (
	"context"
	"fmt"
)

// copyReferrers copies (dry: plans) what points at the copied digest, when
// the engine is asked to: each referrer the source's referrers API lists,
// by digest (a registry with the API indexes it again from its subject),
// and the referrer tags — the sha256-<hex> fallback index when the source
// has no API, cosign's .sig/.att/.sbom — under the same tags. A target
// without the API gets the listed referrers added to its fallback index. A filtered
// index has no referrers of its own: nothing is copied then. Referrers of
// referrers, and of the index's child manifests, are not followed.
func (e *Engine) copyReferrers(ctx context.Context, sc, dc *repoClient, mount string, s *source, dry bool) error {
	if !e.referrers || s.filtered {
		return nil
	}
	descs, supported, err := sc.referrersOf(ctx, s.digest)
	if err != nil {
		return classify(err, fmt.Sprintf("listing referrers of %s", s.ref))
	}
	if err := sc.rl.allow("referrers of "+s.ref.String(), len(descs)); err != nil {
		return err
	}
	cp := e.copier(sc, dc, mount, dry)
	for _, d := range descs {
		if err := cp.child(ctx, d); err != nil {
			return classify(err, fmt.Sprintf("copying referrer %s of %s", d.Digest, s.ref))
		}
	}
	if len(descs) > 0 && !dry {
		if err := dc.indexFallback(ctx, s.digest, descs); err != nil {
			return classify(err, fmt.Sprintf("indexing referrers of %s at the target", s.ref))
		}
	}
	for _, tag := range referrerTags(s.digest, !supported) {
		if err := e.copyTag(ctx, cp, tag); err != nil {
			return classify(err, fmt.Sprintf("copying %s:%s", sc.repo, tag))
		}
	}
	return nil
}

// copyTag copies the source's tag to the target unless the source has no
// such tag or the target's already holds the same digest.
func (e *Engine) copyTag(ctx context.Context, cp *copier, tag string) error {
	d, found, err := cp.src.headManifest(ctx, tag)
	if err != nil || !found {
		return err
	}
	have, there, err := cp.dst.headManifest(ctx, tag)
	if err != nil || (there && have.Digest == d.Digest) {
		return err
	}
	if err := cp.src.rl.allow(cp.src.repo.String()+":"+tag, 1); err != nil {
		return err
	}
	raw, mt, err := cp.src.getManifest(ctx, d.Digest)
	if err != nil {
		return err
	}
	_, err = cp.copyManifest(ctx, raw, mt, tag)
	return err
}

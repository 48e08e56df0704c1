package registry

import (
	"context"
	"encoding/json"
	"fmt"

	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// maxReferrerDepth is how many levels of referrers a sync follows: 1 is
// what points at the copied digest (a signature, an SBOM attestation), 2
// what points at those (the attestation's signature), and so on.
const maxReferrerDepth = 4

// A buildx attestation manifest in an index is annotated
// vnd.docker.reference.type=attestation-manifest: it describes a child of
// the index and is not walked as a subject of its own.
const referenceType, attestationManifest = "vnd.docker.reference.type", "attestation-manifest"

// copyReferrers copies (dry: plans) what points at the copied digest, when
// the engine is asked to, and what points at that, breadth first, down to
// maxReferrerDepth levels. The subjects are the copied digest and, for an
// index, its child manifests (cosign may sign per-platform digests). For
// each subject: each referrer the source's referrers API lists, by digest
// (a registry with the API indexes it again from its subject), and the
// referrer tags — the sha256-<hex> fallback index when the source has no
// API, cosign's .sig/.att/.sbom — under the same tags; every referrer so
// copied is a subject of the next level. A digest reached twice (a cycle
// of cosign tags, a referrer both listed and tagged) is walked once. A
// target without the API gets each subject's listed referrers added to its
// fallback index. A filtered index has no referrers of its own: nothing is
// copied then.
func (e *Engine) copyReferrers(ctx context.Context, sc, dc *repoClient, mount string, s *source, dry bool) error {
	if !e.referrers || s.filtered {
		return nil
	}
	w := &referrerWalk{sc: sc, dc: dc, cp: e.copier(sc, dc, mount, dry), dry: dry, seen: map[v1.Hash]bool{}}
	level, err := w.roots(ctx, s)
	if err != nil {
		return err
	}
	for depth := 1; depth <= maxReferrerDepth && len(level) > 0; depth++ {
		var next []subject
		for _, sub := range level {
			found, err := w.referrers(ctx, sub)
			if err != nil {
				return err
			}
			next = append(next, found...)
		}
		level = next
	}
	return nil
}

// subject is a digest whose referrers are copied. name is how errors call
// it: the sync's source, or repo@digest; of names what it belongs to or
// refers to, when it is not the source itself.
type subject struct {
	digest   v1.Hash
	name, of string
}

func (s subject) String() string {
	if s.of == "" {
		return s.name
	}
	return s.name + " (" + s.of + ")"
}

// referrerWalk is one sync's walk over referrers. seen holds every digest
// reached so far: the copied one, its index's children and the referrers.
type referrerWalk struct {
	sc, dc   *repoClient
	cp       *copier
	dry      bool
	seen     map[v1.Hash]bool
	srcNoAPI bool  // the source answered that it has no referrers API
	dstAPI   *bool // whether the target has it, once asked
}

// roots are the copied digest and, when it is an index, its child
// manifests, buildx attestation manifests aside. A no-op sync has not
// fetched the index (nor, for a source named by digest, learnt its kind):
// it is read at the target, which holds the same manifest.
func (w *referrerWalk) roots(ctx context.Context, s *source) ([]subject, error) {
	w.seen[s.digest] = true
	subs := []subject{{digest: s.digest, name: s.ref.String()}}
	raw := s.raw
	if raw == nil && s.mt != "" && !s.mt.IsIndex() {
		return subs, nil
	}
	if raw == nil {
		if err := w.dc.rl.wait(ctx, w.dc.repo.String()+"@"+s.digest.String(), 1); err != nil {
			return nil, err
		}
		var err error
		if raw, _, err = w.dc.getManifest(ctx, s.digest); err != nil {
			return nil, classify(err, fmt.Sprintf("reading %s at the target for its referrers", s.ref))
		}
	}
	var idx v1.IndexManifest
	if err := json.Unmarshal(raw, &idx); err != nil {
		return nil, fmt.Errorf("decoding manifest %s: %w", s.ref, err)
	}
	for _, m := range idx.Manifests {
		if m.Annotations[referenceType] == attestationManifest || w.seen[m.Digest] {
			continue
		}
		w.seen[m.Digest] = true
		subs = append(subs, subject{digest: m.Digest, name: w.sc.repo.String() + "@" + m.Digest.String(),
			of: "a manifest of " + s.ref.String()})
	}
	return subs, nil
}

// referrers copies what points at sub and returns those of it not seen
// before, the subjects of the next level.
func (w *referrerWalk) referrers(ctx context.Context, sub subject) ([]subject, error) {
	descs, supported, err := w.list(ctx, sub.digest)
	if err != nil {
		return nil, classify(err, "listing referrers of "+sub.String())
	}
	var fresh []v1.Descriptor
	for _, d := range descs {
		if !w.seen[d.Digest] {
			w.seen[d.Digest] = true
			fresh = append(fresh, d)
		}
	}
	if err := w.sc.rl.wait(ctx, "referrers of "+sub.String(), len(fresh)); err != nil {
		return nil, err
	}
	var next []subject
	for _, d := range fresh {
		if err := w.cp.child(ctx, d); err != nil {
			return nil, classify(err, fmt.Sprintf("copying referrer %s of %s", d.Digest, sub))
		}
		next = append(next, w.referrer(d.Digest, sub))
	}
	if len(descs) > 0 && !w.dry {
		if err := w.index(ctx, sub.digest, descs); err != nil {
			return nil, classify(err, fmt.Sprintf("indexing referrers of %s at the target", sub))
		}
	}
	for i, tag := range referrerTags(sub.digest, !supported) {
		fallback := !supported && i == 0
		d, raw, err := w.copyTag(ctx, tag, fallback)
		if err != nil {
			return nil, classify(err, fmt.Sprintf("copying %s:%s, a referrer tag of %s", w.sc.repo, tag, sub))
		}
		found := []v1.Hash{d}
		if fallback && raw != nil {
			var idx v1.IndexManifest
			if err := json.Unmarshal(raw, &idx); err != nil {
				return nil, fmt.Errorf("decoding %s:%s, the referrers of %s: %w", w.sc.repo, tag, sub, err)
			}
			found = found[:0]
			for _, m := range idx.Manifests {
				found = append(found, m.Digest)
			}
		}
		for _, h := range found {
			if h != (v1.Hash{}) && !w.seen[h] {
				w.seen[h] = true
				next = append(next, w.referrer(h, sub))
			}
		}
	}
	return next, nil
}

func (w *referrerWalk) referrer(d v1.Hash, of subject) subject {
	return subject{digest: d, name: w.sc.repo.String() + "@" + d.String(), of: "a referrer of " + of.name}
}

// list asks the source what points at d; once it has said that it has no
// referrers API, it is not asked again.
func (w *referrerWalk) list(ctx context.Context, d v1.Hash) ([]v1.Descriptor, bool, error) {
	if w.srcNoAPI {
		return nil, false, nil
	}
	descs, supported, err := w.sc.referrersOf(ctx, d)
	w.srcNoAPI = err == nil && !supported
	return descs, supported, err
}

// index adds descs to the target's fallback index of subject, unless the
// target has the referrers API (asked once per sync).
func (w *referrerWalk) index(ctx context.Context, subject v1.Hash, descs []v1.Descriptor) error {
	if w.dstAPI == nil {
		_, supported, err := w.dc.referrersOf(ctx, subject)
		if err != nil {
			return err
		}
		w.dstAPI = &supported
	}
	if *w.dstAPI {
		return nil
	}
	return w.dc.indexFallback(ctx, subject, descs)
}

// copyTag copies the source's tag to the target unless the source has no
// such tag or the target's already holds the same digest. It returns the
// digest the tag names (zero when none) and, with wantRaw, its manifest,
// read at the target when nothing had to be copied.
func (w *referrerWalk) copyTag(ctx context.Context, tag string, wantRaw bool) (v1.Hash, []byte, error) {
	src, dst := w.cp.src, w.cp.dst
	d, found, err := src.headManifest(ctx, tag)
	if err != nil || !found {
		return v1.Hash{}, nil, err
	}
	have, there, err := dst.headManifest(ctx, tag)
	if err != nil {
		return v1.Hash{}, nil, err
	}
	if there && have.Digest == d.Digest {
		if !wantRaw {
			return d.Digest, nil, nil
		}
		if err := dst.rl.wait(ctx, dst.repo.String()+":"+tag, 1); err != nil {
			return v1.Hash{}, nil, err
		}
		raw, _, err := dst.getManifest(ctx, d.Digest)
		return d.Digest, raw, err
	}
	if err := src.rl.wait(ctx, src.repo.String()+":"+tag, 1); err != nil {
		return v1.Hash{}, nil, err
	}
	raw, mt, err := src.getManifest(ctx, d.Digest)
	if err != nil {
		return v1.Hash{}, nil, err
	}
	_, err = w.cp.copyManifest(ctx, raw, manifestType(raw, mt, d.MediaType), tag)
	return d.Digest, raw, err
}

package registry

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/types"
	"github.com/imagesync/imagesync/core"
)

// source is the manifest a sync copies: the source's own, or its index
// filtered to the request's platforms (else the engine's), whose digest
// then differs.
type source struct {
	ref      name.Reference
	digest   v1.Hash // the source's own digest
	want     v1.Hash // what the target must hold: digest, or the filtered index's
	raw      []byte  // the manifest to push, once fetched
	mt       types.MediaType
	filtered bool
}

// resolve finds the source's digest (one HEAD, none when named by digest).
// With platforms configured and an index at the source, it fetches and
// filters the index, so that want is known before the target is compared
// (copyTree then budgets the children it kept: a no-op costs no quota).
func (e *Engine) resolve(ctx context.Context, sc *repoClient, src name.Reference, platforms []v1.Platform) (*source, error) {
	s := &source{ref: src}
	if d, ok := src.(name.Digest); ok {
		h, err := v1.NewHash(d.DigestStr())
		s.digest, s.want = h, h
		if err != nil {
			return nil, core.Errorf(core.ErrInvalid, "source %s: %v", src, err)
		}
	} else {
		d, found, err := sc.headManifest(ctx, src.Identifier())
		if err != nil {
			return nil, classify(err, "reading source "+src.String())
		}
		if !found {
			return nil, core.Errorf(core.ErrNotFound, "source %s: manifest unknown", src)
		}
		s.digest, s.want, s.mt = d.Digest, d.Digest, d.MediaType
	}
	if len(platforms) == 0 || (s.mt != "" && !s.mt.IsIndex()) {
		return s, nil
	}
	if err := s.load(ctx, sc); err != nil || !s.mt.IsIndex() {
		return s, err
	}
	raw, changed, err := filterIndex(s.raw, platforms)
	if err != nil {
		return nil, classify(err, "source "+src.String())
	}
	if changed {
		s.raw, s.filtered = raw, true
		s.want, _, _ = v1.SHA256(bytes.NewReader(raw))
	}
	return s, nil
}

// load fetches the source manifest unless it has been, after checking (or
// waiting) that the registry's pull quota allows it.
func (s *source) load(ctx context.Context, sc *repoClient) error {
	if s.raw != nil {
		return nil
	}
	if err := sc.rl.wait(ctx, s.ref.String(), 1); err != nil {
		return err
	}
	raw, mt, err := sc.getManifest(ctx, s.digest)
	if err != nil {
		return classify(err, "reading source "+s.ref.String())
	}
	s.raw, s.mt = raw, manifestType(raw, mt, s.mt)
	return nil
}

// budget checks that the source registry's pull quota allows the GETs of
// the source manifest's children (an upper bound: children the target has
// are not fetched), waiting for the quota's reset when it may; otherwise
// it refuses the copy, throttled. A filtered index counts the children it
// kept.
func (s *source) budget(ctx context.Context, sc *repoClient) error {
	var refs struct {
		Manifests []json.RawMessage `json:"manifests"`
	}
	if err := json.Unmarshal(s.raw, &refs); err != nil {
		return fmt.Errorf("decoding manifest %s: %w: %w", s.ref, core.ErrInvalid, err)
	}
	return sc.rl.wait(ctx, s.ref.String(), len(refs.Manifests))
}

package registry

import (
	"bytes"
	"context"
	"slices"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/imagesync/imagesync/core"
)

// platformsOf is the platforms a request copies of an index: its own
// (["all"]: every one), else the engine's (WithPlatforms); none means all.
func (e *Engine) platformsOf(req core.SyncRequest) ([]v1.Platform, error) {
	switch {
	case len(req.Platforms) == 0:
		return e.platforms, nil
	case slices.Contains(req.Platforms, core.PlatformsAll):
		return nil, nil
	}
	return parsePlatforms(req.Platforms)
}

// holdsFiltered reports whether the target's manifest have, filtered to
// platforms as the source's index was, is want: the target then holds what
// the request asks for (e.g. the whole index, copied before platforms were
// chosen), and the sync is a no-op. It costs one manifest GET at the
// target, made only when the digests differ.
func holdsFiltered(ctx context.Context, dc *repoClient, have, want v1.Hash, platforms []v1.Platform) (bool, error) {
	raw, mt, err := dc.getManifest(ctx, have)
	if err != nil {
		return false, err
	}
	if !manifestType(raw, mt, "").IsIndex() {
		return false, nil
	}
	out, _, err := filterIndex(raw, platforms)
	if err != nil {
		return false, nil // it holds none of them: not what is asked for
	}
	got, _, err := v1.SHA256(bytes.NewReader(out))
	return err == nil && got == want, nil
}

package registry

import (
	"context"
	"log/slog"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// backup tags have — what dst holds before a sync replaces it — as tag in
// dst's repository (core.SyncRequest.Backup, regsync's backup): one
// manifest GET and PUT, no blob moves. A backup that fails stops the sync
// before the target is touched: what it would replace stays.
func (e *Engine) backup(ctx context.Context, dc *repoClient, dst name.Reference, have v1.Descriptor, tag string) error {
	raw, served, err := dc.getManifest(ctx, have.Digest)
	if err != nil {
		return classify(err, "backing up "+dst.String()+" (reading "+have.Digest.String()+")")
	}
	if _, err := dc.putManifest(ctx, tag, raw, manifestType(raw, served, have.MediaType)); err != nil {
		return classify(err, "backing up "+dst.String()+" as tag "+tag)
	}
	e.log.LogAttrs(ctx, slog.LevelInfo, "backed up", slog.String("target", dst.String()),
		slog.String("backup", dst.Context().Tag(tag).String()), slog.String("digest", have.Digest.String()))
	return nil
}

package registry

import (
	"context"
	"log/slog"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// watch logs a progress line every e.every until stop is called: bytes
// streamed so far, bytes of the blobs found missing so far (the total grows
// as the tree is walked), and the mean rate. It names the references and
// the digest, never a credential. A dry run logs nothing.
func (e *Engine) watch(ctx context.Context, cp *copier, src, dst name.Reference, digest v1.Hash, start time.Time) (stop func()) {
	if e.every <= 0 || cp.dry {
		return func() {}
	}
	done := make(chan struct{})
	t := time.NewTicker(e.every)
	go func() {
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case now := <-t.C:
				moved, took := cp.moved.Load(), now.Sub(start)
				e.log.LogAttrs(ctx, slog.LevelInfo, "copying", slog.String("source", src.String()),
					slog.String("target", dst.String()), slog.String("digest", digest.String()),
					slog.Int64("bytesDone", moved), slog.Int64("bytesTotal", cp.total.Load()),
					slog.Int64("bytesPerSecond", int64(float64(moved)/took.Seconds())),
					slog.Duration("elapsed", took.Round(time.Millisecond)))
			}
		}
	}()
	return func() { close(done) }
}

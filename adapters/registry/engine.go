package registry

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
	"github.com/imagesync/imagesync/core"
)

// Engine copies images between registries. Build it with New; it is safe for
// concurrent use and reuses registry tokens across syncs.
type Engine struct {
	keychain  authn.Keychain
	transport http.RoundTripper
	jobs      int
	userAgent string
	log       *slog.Logger

	puller *remote.Puller
	pusher *remote.Pusher
}

var _ core.Engine = (*Engine)(nil)

// New builds an Engine.
func New(opts ...Option) (*Engine, error) {
	e := &Engine{keychain: authn.DefaultKeychain, transport: http.DefaultTransport, jobs: 8,
		userAgent: "imagesync", log: slog.New(slog.DiscardHandler)}
	for _, o := range opts {
		o(e)
	}
	ropts := []remote.Option{remote.WithAuthFromKeychain(e.keychain), remote.WithTransport(e.transport),
		remote.WithJobs(e.jobs), remote.WithUserAgent(e.userAgent)}
	var err error
	if e.puller, err = remote.NewPuller(ropts...); err != nil {
		return nil, err
	}
	if e.pusher, err = remote.NewPusher(ropts...); err != nil {
		return nil, err
	}
	return e, nil
}

// Name is "registry".
func (e *Engine) Name() string { return core.EngineRegistry }

// Sync copies req.Source to req.Target unless the target already holds it.
func (e *Engine) Sync(ctx context.Context, req core.SyncRequest) (core.Task, error) {
	src, dst, err := references(req)
	if err != nil {
		return core.Task{}, err
	}
	desc, err := e.puller.Get(ctx, src)
	if err != nil {
		return core.Task{}, classify(err, "reading source "+src.String())
	}
	task := core.Task{Status: core.StatusSuccess, Digest: desc.Digest.String()}
	if tag, ok := dst.(name.Tag); ok {
		have, err := e.head(ctx, tag)
		switch {
		case err != nil:
			return core.Task{}, err
		case have != nil && have.Digest == desc.Digest:
			task.Skipped = true
			return task, nil
		case have != nil && !req.Override:
			return core.Task{}, core.Errorf(core.ErrConflict,
				"target %s holds %s, not %s; set override to replace it", tag, have.Digest, desc.Digest)
		}
	}
	if req.DryRun {
		return task, nil
	}
	if err := e.pusher.Push(ctx, dst, desc); err != nil {
		return core.Task{}, classify(err, "writing target "+dst.String())
	}
	if err := e.verify(ctx, dst, desc.Digest); err != nil {
		return core.Task{}, err
	}
	task.Bytes = desc.Size
	e.log.LogAttrs(ctx, slog.LevelInfo, "copied", slog.String("source", src.String()),
		slog.String("target", dst.String()), slog.String("digest", task.Digest))
	return task, nil
}

// head returns the target's descriptor, or nil when the tag does not exist.
func (e *Engine) head(ctx context.Context, tag name.Tag) (*v1.Descriptor, error) {
	d, err := e.puller.Head(ctx, tag)
	var terr *transport.Error
	if errors.As(err, &terr) && terr.StatusCode == http.StatusNotFound {
		return nil, nil
	}
	if err != nil {
		return nil, classify(err, "reading target "+tag.String())
	}
	return d, nil
}

// verify checks that the target now resolves to the digest copied.
func (e *Engine) verify(ctx context.Context, dst name.Reference, want v1.Hash) error {
	d, err := e.puller.Head(ctx, dst)
	if err != nil {
		return classify(err, "verifying target "+dst.String())
	}
	if d.Digest != want {
		return fmt.Errorf("target %s resolves to %s after the copy, want %s: %w", dst, d.Digest, want, core.ErrUnavailable)
	}
	return nil
}

package registry

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
	"github.com/imagesync/imagesync/core"
)

// Engine copies images between registries. Build it with New; it is safe for
// concurrent use and reuses registry tokens and connections across syncs.
type Engine struct {
	keychain  authn.Keychain
	transport http.RoundTripper
	jobs      int
	userAgent string
	retry     Retry
	resolver  Resolver
	log       *slog.Logger

	clients *clients
}

var _ core.Engine = (*Engine)(nil)

// New builds an Engine.
func New(opts ...Option) (*Engine, error) {
	e := &Engine{keychain: authn.DefaultKeychain, jobs: 8, userAgent: "imagesync",
		retry: DefaultRetry, log: slog.New(slog.DiscardHandler)}
	for _, o := range opts {
		o(e)
	}
	if e.retry.Attempts < 1 || e.retry.Base <= 0 || e.retry.Max < e.retry.Base {
		return nil, core.Errorf(core.ErrInvalid, "registry: retry needs attempts ≥ 1 and 0 < base ≤ max, got %+v", e.retry)
	}
	if e.transport == nil {
		e.transport = newPooledTransport(e.jobs)
	}
	base := transport.NewUserAgent(&retryTransport{next: e.transport, retry: e.retry}, e.userAgent)
	e.clients = &clients{keychain: e.keychain, base: base, now: time.Now}
	return e, nil
}

// Name is "registry".
func (e *Engine) Name() string { return core.EngineRegistry }

// Sync copies req.Source to req.Target unless the target already holds it.
// A no-op sync costs one manifest HEAD per side.
func (e *Engine) Sync(ctx context.Context, req core.SyncRequest) (core.Task, error) {
	src, dst, err := e.references(ctx, req)
	if err != nil {
		return core.Task{}, err
	}
	sc, dc, mount, err := e.pair(ctx, src, dst)
	if err != nil {
		return core.Task{}, err
	}
	want, err := e.sourceDigest(ctx, sc, src)
	if err != nil {
		return core.Task{}, err
	}
	task := core.Task{Status: core.StatusSuccess, Digest: want.String()}
	have, found, err := dc.headManifest(ctx, dst.Identifier())
	switch {
	case err != nil:
		return core.Task{}, classify(err, "reading target "+dst.String())
	case found && have.Digest == want:
		task.Skipped = true
		return task, nil
	case found && !req.Override:
		return core.Task{}, core.Errorf(core.ErrConflict,
			"target %s holds %s, not %s; set override to replace it", dst, have.Digest, want)
	case req.DryRun:
		return task, nil
	}
	raw, mt, err := sc.getManifest(ctx, want)
	if err != nil {
		return core.Task{}, classify(err, "reading source "+src.String())
	}
	cp := &copier{src: sc, dst: dc, mount: mount, retry: e.retry, jobs: e.jobs,
		sem: make(chan struct{}, e.jobs), blobs: map[v1.Hash]*onceErr{}}
	start := time.Now()
	got, err := cp.copyManifest(ctx, raw, mt, dst.Identifier())
	if err != nil {
		return core.Task{}, classify(err, fmt.Sprintf("copying %s to %s", src, dst))
	}
	if err := e.verify(ctx, dc, dst, got, want); err != nil {
		return core.Task{}, err
	}
	task.Bytes = cp.bytes.Load()
	e.log.LogAttrs(ctx, slog.LevelInfo, "copied", slog.String("source", src.String()),
		slog.String("target", dst.String()), slog.String("digest", task.Digest),
		slog.Int64("bytes", task.Bytes), slog.Duration("took", time.Since(start)))
	return task, nil
}

// pair returns the clients of both sides; when they share a registry the
// target's may also pull from the source, and mount names the source repo.
func (e *Engine) pair(ctx context.Context, src, dst name.Reference) (sc, dc *repoClient, mount string, err error) {
	sr, dr := src.Context(), dst.Context()
	if sc, err = e.clients.repo(ctx, sr, []string{transport.PullScope}); err != nil {
		return nil, nil, "", err
	}
	var also []name.Repository
	if sr.RegistryStr() == dr.RegistryStr() && sr.RepositoryStr() != dr.RepositoryStr() {
		also, mount = []name.Repository{sr}, sr.RepositoryStr()
	}
	dc, err = e.clients.repo(ctx, dr, []string{transport.PushScope, transport.PullScope}, also...)
	return sc, dc, mount, err
}

// sourceDigest is the source's digest: named, or one HEAD away.
func (e *Engine) sourceDigest(ctx context.Context, sc *repoClient, src name.Reference) (v1.Hash, error) {
	if d, ok := src.(name.Digest); ok {
		return v1.NewHash(d.DigestStr())
	}
	d, found, err := sc.headManifest(ctx, src.Identifier())
	if err != nil {
		return v1.Hash{}, classify(err, "reading source "+src.String())
	}
	if !found {
		return v1.Hash{}, core.Errorf(core.ErrNotFound, "source %s: manifest unknown", src)
	}
	return d.Digest, nil
}

// verify checks that the target resolves to the digest copied, from the
// digest the registry reported on the push or, failing that, one HEAD.
func (e *Engine) verify(ctx context.Context, dc *repoClient, dst name.Reference, got, want v1.Hash) error {
	if got == (v1.Hash{}) {
		d, _, err := dc.headManifest(ctx, dst.Identifier())
		if err != nil {
			return classify(err, "verifying target "+dst.String())
		}
		got = d.Digest
	}
	if got != want {
		return fmt.Errorf("target %s resolves to %s after the copy, want %s: %w", dst, got, want, core.ErrUnavailable)
	}
	return nil
}

package registry

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
	"github.com/imagesync/imagesync/core"
)

// Sync copies req.Source to req.Target unless the target already holds it.
// A no-op sync costs one manifest HEAD per side (plus, with platforms, the
// source index GET; with referrers, their lookup). A dry run walks the
// source and HEADs the target's manifests and blobs: Task.Bytes is then
// what would move.
func (e *Engine) Sync(ctx context.Context, req core.SyncRequest) (_ core.Task, err error) {
	defer func() { err = redact(err) }()
	src, dst, err := e.references(ctx, req)
	if err != nil {
		return core.Task{}, err
	}
	sc, dc, mount, err := e.pair(ctx, src, dst)
	if err != nil {
		return core.Task{}, err
	}
	platforms, err := e.platformsOf(req)
	if err != nil {
		return core.Task{}, err
	}
	s, err := e.resolve(ctx, sc, src, platforms)
	if err != nil {
		return core.Task{}, err
	}
	task := core.Task{Status: core.StatusSuccess, Digest: s.want.String()}
	if s.filtered {
		task.ProviderStatus = "PLATFORMS_FILTERED"
		task.Issue = fmt.Sprintf("copied platforms %s of source index %s: the target index differs", platformsString(platforms), s.digest)
	}
	have, found, err := dc.headManifest(ctx, dst.Identifier())
	if err == nil && found && have.Digest != s.want && s.filtered {
		task.Skipped, err = holdsFiltered(ctx, dc, have.Digest, s.want, platforms)
		if task.Skipped {
			task.Digest = have.Digest.String()
			task.Issue = fmt.Sprintf("the target index %s holds platforms %s as the source's does (and more)", have.Digest, platformsString(platforms))
		}
	}
	switch {
	case err != nil:
		return core.Task{}, classify(err, "reading target "+dst.String())
	case task.Skipped || (found && have.Digest == s.want):
		task.Skipped = true
		return task, e.copyReferrers(ctx, sc, dc, mount, s, req.DryRun)
	case found && !req.Override:
		return core.Task{}, core.Errorf(core.ErrConflict,
			"target %s holds %s, not %s; set override to replace it", dst, have.Digest, s.want)
	case found && req.Backup != "" && !req.DryRun:
		if err := e.backup(ctx, dc, dst, have, req.Backup); err != nil {
			return core.Task{}, err
		}
	}
	cp, err := e.copyPrepared(ctx, req, sc, dc, mount, s, dst)
	if err != nil {
		return core.Task{}, err
	}
	task.Bytes = cp.bytes.Load()
	return task, e.copyReferrers(ctx, sc, dc, mount, s, req.DryRun)
}

func (e *Engine) copier(sc, dc *repoClient, mount string, dry bool) *copier {
	limits := [2]*hostLimit{e.limits.limit(sc.repo.RegistryStr()), e.limits.limit(dc.repo.RegistryStr())}
	ranges := e.ranges
	if l := limits[0]; l != nil && l.places != nil {
		ranges.PerBlob = 1 // a blob's ranges would run in its one place at the source
	}
	return &copier{src: sc, dst: dc, mount: mount, retry: e.retry, jobs: e.jobs, dry: dry, limits: limits,
		sem: e.slots, flights: &e.flights, blobs: map[v1.Hash]*onceErr{},
		fetch: &fetcher{retry: e.retry, ranges: ranges, sem: e.slots, bufs: e.bufs, log: e.log}}
}

// copyTree copies (or, dry, plans) s's manifest tree to dst and verifies it.
func (e *Engine) copyTree(ctx context.Context, cp *copier, s *source, dst name.Reference) error {
	if err := s.load(ctx, cp.src); err != nil {
		return err
	}
	if err := s.budget(ctx, cp.src); err != nil {
		return err
	}
	start := time.Now()
	stop := e.watch(ctx, cp, s.ref, dst, s.want, start)
	got, err := cp.copyManifest(ctx, s.raw, s.mt, dst.Identifier())
	stop()
	if err != nil {
		return classify(err, fmt.Sprintf("copying %s to %s", s.ref, dst))
	}
	if cp.dry {
		return nil
	}
	if err := e.verify(ctx, cp.dst, dst, got, s.want); err != nil {
		return err
	}
	e.log.LogAttrs(ctx, slog.LevelInfo, "copied", slog.String("source", s.ref.String()),
		slog.String("target", dst.String()), slog.String("digest", s.want.String()),
		slog.Int64("bytes", cp.bytes.Load()), slog.Duration("took", time.Since(start)))
	return nil
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

package registry

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/imagesync/imagesync/core"
)

// Preparer makes a cloud target's repository exist (ACR EE: namespace and
// repository; SWR: organization and repository) so that a push can land.
// It must be idempotent: what exists already is fine.
type Preparer interface {
	Prepare(ctx context.Context, ep core.Endpoint) error
}

// Preparers prepares with one Preparer per engine name ("acr", "swr").
type Preparers map[string]Preparer

// Prepare calls the Preparer of ep's engine; an engine without one is
// ErrNotFound (nothing could be prepared).
func (p Preparers) Prepare(ctx context.Context, ep core.Endpoint) error {
	if f, ok := p[ep.Kind()]; ok && f != nil {
		return f.Prepare(ctx, ep)
	}
	return core.Errorf(core.ErrNotFound, "no preparer for %s targets", ep.Kind())
}

// WithPreparer lets the engine create a missing cloud target (default:
// none). When a copy into cloud coordinates fails because the target
// repository is unknown (NAME_UNKNOWN, or a 404 without a code), the
// engine calls Prepare once and copies again; plain image targets, dry
// runs and other failures are never prepared. nil is refused.
func WithPreparer(p Preparer) Option {
	return func(e *Engine) error {
		if p == nil {
			return invalidOption("WithPreparer", "nil preparer")
		}
		e.preparer = p
		return nil
	}
}

// copyPrepared copies s to dst, preparing the target once if it is missing.
func (e *Engine) copyPrepared(ctx context.Context, req core.SyncRequest, sc, dc *repoClient, mount string,
	s *source, dst name.Reference) (*copier, error) {
	cp := e.copier(sc, dc, mount, req.DryRun)
	err := e.copyTree(ctx, cp, s, dst)
	if err == nil || e.preparer == nil || req.DryRun || req.Target.Kind() == core.EngineRegistry || !targetMissing(err) {
		return cp, err
	}
	if perr := e.preparer.Prepare(ctx, req.Target); perr != nil {
		return cp, fmt.Errorf("preparing target %s after %v: %w", req.Target, err, perr)
	}
	e.log.InfoContext(ctx, "prepared target", "target", req.Target.String())
	cp = e.copier(sc, dc, mount, req.DryRun)
	return cp, e.copyTree(ctx, cp, s, dst)
}

// targetMissing reports whether a copy failed on an unknown repository.
func targetMissing(err error) bool {
	var pe *core.ProviderError
	if !errors.As(err, &pe) {
		return false
	}
	return strings.Contains(pe.Code, "NAME_UNKNOWN") || (pe.Status == 404 && pe.Code == "")
}

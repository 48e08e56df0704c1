package main

import (
	"context"
	"fmt"

	"github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/infra"
)

// syncOne copies one image. With progress on, it plans first (a dry run
// that compares both sides and sums the blobs the target lacks), so that
// the bar's total is known before the first byte moves.
func syncOne(ctx context.Context, c *cli, s *session, f *syncFlags, req core.SyncRequest) int {
	var p *progressPrinter
	if f.progress && !req.DryRun {
		p = newProgress(s.con, planOne(ctx, s.svc, req), false)
		ctx = registry.WithProgressHook(ctx, p.interval(f.every), p.show)
	}
	task, err := s.svc.Sync(ctx, req)
	if p != nil {
		p.finish()
	}
	asJSON := f.output.json(c.stdout)
	if asJSON && task.ID != "" {
		writeJSON(c.stdout, task)
	}
	if err != nil {
		code := c.fail(err)
		if ref, reason := core.ParseReference(req.Source.Image); reason == "" && ref.Tag == "" && ref.Digest == "" {
			fmt.Fprintln(c.stderr, "imagesync: to sync the tags of a repository, add --all-tags or a filter (--include, --semver, --latest)")
		}
		return code
	}
	if !asJSON {
		fmt.Fprintln(c.stdout, taskLine(task))
	}
	return exitOK
}

// planOne is the number of bytes a copy of req would move, from a dry run
// (0 when it cannot tell: the copy's own count is shown then).
func planOne(ctx context.Context, svc *core.Service, req core.SyncRequest) int64 {
	req.DryRun = true
	t, err := svc.Sync(ctx, req)
	if err != nil || t.Skipped {
		return 0
	}
	return t.Bytes
}

// taskLine is a finished task in one line of text.
func taskLine(t core.Task) string {
	pair := t.Source.String() + " -> " + t.Target.String()
	switch {
	case t.Skipped:
		return fmt.Sprintf("up to date: %s (%s)", pair, t.Digest)
	case t.DryRun:
		return fmt.Sprintf("would copy %s (%s), %s", pair, t.Digest, infra.HumanBytes(t.Bytes))
	case !t.Status.Terminal():
		return fmt.Sprintf("started %s: %s (%s)", t.ID, pair, t.Status)
	}
	return fmt.Sprintf("copied %s (%s): %s in %s", pair, t.Digest, infra.HumanBytes(t.Bytes), infra.HumanDuration(t.UpdatedAt.Sub(t.CreatedAt)))
}

package main

import (
	"context"

	"github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/core"
)

// syncTagSet syncs the selected tags of a repository as a job run once.
// With progress on, a dry run of the job plans first: the bar's total is
// the sum of what each planned copy would move.
func syncTagSet(ctx context.Context, c *cli, s *session, f *syncFlags, job core.Job) int {
	var p *progressPrinter
	if f.progress && !f.dryRun {
		p = newProgress(s.con, planJob(ctx, s.svc, job), true)
		ctx = registry.WithProgressHook(ctx, p.interval(f.every), p.show)
	}
	out, err := s.svc.RunJob(ctx, job, f.dryRun)
	if p != nil {
		p.finish()
	}
	return c.report(f.output, out, err)
}

// planJob is the number of bytes a run of job would move (blobs that
// several tags share count once per tag: the bar may end short of 100%
// before its final line).
func planJob(ctx context.Context, svc *core.Service, job core.Job) int64 {
	out, err := svc.RunJob(ctx, job, true)
	if err != nil {
		return 0
	}
	var n int64
	for _, p := range out.Planned {
		n += p.Bytes
	}
	return n
}

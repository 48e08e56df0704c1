package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/infra"
)

func init() {
	register(&command{
		name:    "once",
		summary: "run the configured jobs (and auto-sync reconciliation) once, like regsync once",
		usage:   []string{"--config FILE [--job NAME]... [--dry-run] [flags]"},
		about: `
Runs what a scheduled tick runs, once, in this process: every job of the
configuration (or those --job names), then, when no --job is given, the
reconciliation of the configured auto-sync rules. Exit 1 when a sync failed.`,
		examples: []string{
			"imagesync once --config imagesync.yaml",
			"imagesync once --config imagesync.yaml --job alpine --dry-run",
		},
		run: onceCmd,
	})
}

// onceCmd runs the configured jobs (all, or those --job names) and, when
// it names none, reconciles the configured auto-syncs.
func onceCmd(ctx context.Context, c *cli, args []string) int {
	cmd := commands["once"]
	fs := cmd.flags()
	config := fs.String("config", c.getenv("IMAGESYNC_CONFIG"), "YAML configuration `FILE` (jobs, autoSync; or regsync's or image-syncer's; default $IMAGESYNC_CONFIG)")
	dialect := dialectFlags(fs)
	dryRun := fs.Bool("dry-run", false, "list tags and plans, change nothing")
	conc := fs.Int("concurrency", 0, "`N` syncs at once (default: the config's concurrency, 8)")
	var jobs listFlag
	fs.Var(&jobs, "job", "run only the job `NAME` (repeatable; default every job, and the auto-sync reconciliation)")
	progress := fs.Bool("progress", true, "show progress on stderr: a bar on a terminal, else plain lines")
	every := fs.Duration("progress-interval", 0, "`INTERVAL` between progress updates (default 200ms on a terminal, else 5s)")
	lf, output := addLogFlags(fs), outputFlag(fs, "")
	if done, code := cmd.parse(c, fs, args, 0, 0); done {
		return code
	}
	if *config == "" && c.getenv(infra.EnvConfigYAML) == "" {
		return cmd.bad(c, "--config (or IMAGESYNC_CONFIG) names the file that holds the jobs (or IMAGESYNC_CONFIG_YAML the document)")
	}
	in := *c
	in.getenv = dialect.env(c.getenv)
	s, code := in.session(*config, *conc, lf, nil)
	if s == nil {
		return code
	}
	if missing := unknownJobs(s.cfg.Jobs, jobs); missing != "" {
		return cmd.bad(c, missing)
	}
	var p *progressPrinter
	if *progress && !*dryRun {
		p = newProgress(s.con, planJobs(ctx, s, jobs), true)
		ctx = registry.WithProgressHook(ctx, p.interval(*every), p.show)
	}
	out, err := s.svc.OnTick(ctx, core.Tick{Jobs: append([]string{}, jobs...), Source: "cli"}, *dryRun)
	if p != nil {
		p.finish()
	}
	return c.reportTick(output, out, err)
}

// reportTick prints a tick's outcome: JSON (then the summaries on stderr)
// or the summaries as text on stdout; each failure on stderr, once.
func (c *cli) reportTick(o *outputValue, out core.TickOutcome, err error) int {
	to := c.stdout
	if o.json(c.stdout) {
		writeJSON(c.stdout, out)
		to = c.stderr
	}
	failed := false
	for _, j := range out.Jobs {
		failed = c.summarize(to, j) || failed
	}
	if a := out.AutoSync; a != nil {
		failed = c.summarizeAutoSync(to, *a) || failed
	}
	switch {
	case failed: // each failure has had its line; err is one of them
		return exitFailed
	case err != nil:
		return c.fail(err)
	}
	return exitOK
}

// unknownJobs says which --job names the configuration lacks, or "".
func unknownJobs(configured []core.Job, asked []string) string {
	names := make([]string, 0, len(configured))
	have := map[string]bool{}
	for _, j := range configured {
		names = append(names, j.Name)
		have[j.Name] = true
	}
	for _, a := range asked {
		if !have[a] {
			if len(names) == 0 {
				return fmt.Sprintf("--job %s: the configuration has no jobs", a)
			}
			return fmt.Sprintf("--job %s: no such job (the configuration has: %s)", a, strings.Join(names, ", "))
		}
	}
	return ""
}

// summarizeAutoSync writes the reconciliation's outcome; it reports
// whether any rule failed.
func (c *cli) summarizeAutoSync(w io.Writer, a core.AutoSyncOutcome) bool {
	prefix := "imagesync: "
	if w == c.stdout {
		prefix = ""
	}
	fmt.Fprintf(w, "%sautoSync: created %d, kept %d, deleted %d, failed %d\n", prefix, len(a.Created), a.Kept, len(a.Deleted), len(a.Errors))
	for _, e := range a.Errors {
		fmt.Fprintln(c.stderr, "imagesync: autoSync:", cliWords(fmt.Sprint(e)))
	}
	return len(a.Errors) > 0
}

// planJobs is the number of bytes a run of the jobs would move (all jobs
// when none is named), from a dry run of them alone: the reconciliation of
// auto-syncs, which moves no bytes here, is not asked twice.
func planJobs(ctx context.Context, s *session, names []string) int64 {
	if len(names) == 0 {
		for _, j := range s.cfg.Jobs {
			names = append(names, j.Name)
		}
	}
	if len(names) == 0 {
		return 0
	}
	out, err := s.svc.OnTick(ctx, core.Tick{Jobs: names, Source: "cli"}, true)
	if err != nil {
		return 0
	}
	var n int64
	for _, j := range out.Jobs {
		for _, p := range j.Planned {
			n += p.Bytes
		}
	}
	return n
}

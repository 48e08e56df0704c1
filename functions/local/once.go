package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/imagesync/imagesync/core"
)

// onceCmd runs the configured jobs (all, or those --job names) and, when
// it names none, reconciles the configured auto-syncs: what a scheduled
// tick does, once, in this process. Like `regsync once`.
func onceCmd(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("once", flag.ContinueOnError)
	fs.SetOutput(stderr)
	config := fs.String("config", getenv("IMAGESYNC_CONFIG"), "YAML configuration file (jobs, autoSync)")
	dryRun := fs.Bool("dry-run", false, "list tags and plans, change nothing")
	conc := fs.Int("concurrency", 0, "syncs at once (default: the config's concurrency, 8)")
	var jobs listFlag
	fs.Var(&jobs, "job", "run only this job (repeatable; default every job, and the auto-sync reconciliation)")
	if err := fs.Parse(interleaved(args)); err != nil {
		return 2
	}
	if fs.NArg() != 0 {
		fmt.Fprintln(stderr, "usage: imagesync once [--config FILE] [--job NAME]... [--dry-run]")
		return 2
	}
	if *config == "" {
		fmt.Fprintln(stderr, "imagesync once: --config (or IMAGESYNC_CONFIG) names the file that holds the jobs")
		return 2
	}
	svc, code := build(*config, *conc, stderr, getenv)
	if svc == nil {
		return code
	}
	out, err := svc.OnTick(ctx, core.Tick{Jobs: append([]string{}, jobs...), Source: "cli"}, *dryRun)
	if err != nil && core.KindOf(err) == "not_found" {
		return exitCode(stderr, err)
	}
	writeJSON(stdout, out)
	failed := false
	for _, j := range out.Jobs {
		failed = summarize(stderr, j) || failed
	}
	if a := out.AutoSync; a != nil && len(a.Errors) > 0 {
		failed = true
	}
	if err == nil && failed {
		return 1
	}
	return exitCode(stderr, err)
}

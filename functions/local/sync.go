package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/infra"
)

// listFlag is a flag that may be given more than once.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

// syncCmd copies one image, or — with --all-tags or a tag filter — the
// tags of a repository, as a job run once.
func syncCmd(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("sync", flag.ContinueOnError)
	fs.SetOutput(stderr)
	override := fs.Bool("override", false, "replace a target tag that holds another digest")
	dryRun := fs.Bool("dry-run", false, "compare and report, change nothing")
	config := fs.String("config", getenv("IMAGESYNC_CONFIG"), "YAML configuration file")
	progress := fs.Bool("progress", true, "show progress on stderr: a bar on a terminal, else plain lines")
	every := fs.Duration("progress-interval", 0, "how often progress is shown (default 200ms on a terminal, else 5s)")
	allTags := fs.Bool("all-tags", false, "sync every tag of the SRC repository (SRC and DST name repositories)")
	var include, exclude listFlag
	fs.Var(&include, "include", "sync the tags matching this regexp (anchored; repeatable)")
	fs.Var(&exclude, "exclude", "leave out the tags matching this regexp (anchored; repeatable)")
	semver := fs.String("semver", "", `sync the tags in this semver range, e.g. ">=1.25 <2"`)
	latest := fs.Int("latest", 0, "sync only the first N tags in --order")
	order := fs.String("order", core.OrderSemver, `"semver" (highest version first) or "pushed" (last pushed first: Docker Hub, quay.io, Harbor, ECR, SWR, ACR EE, Artifact Registry, GCR)`)
	prune := fs.Bool("prune", false, "delete DST tags that pass the filter and are gone from SRC")
	conc := fs.Int("concurrency", 0, "tags synced at once (default: the config's concurrency, 8)")
	var tf tlsFlags
	tf.register(fs)
	var platforms listFlag
	fs.Var(&platforms, "platform", "copy only this platform of an index, os/arch[/variant] (repeatable); all: the whole index (default: registry.platforms, else all)")
	if err := fs.Parse(interleaved(args)); err != nil {
		return 2
	}
	if fs.NArg() != 2 {
		fmt.Fprintln(stderr, "usage: imagesync sync SRC DST [--override] [--dry-run] [--all-tags | --include RE --exclude RE --semver R --latest N] [--prune]")
		return 2
	}
	filter := core.TagFilter{Include: include, Exclude: exclude, Semver: *semver, Latest: *latest, Order: *order}
	if filter.Order == core.OrderSemver {
		filter.Order = "" // the default, as configuration files leave it
	}
	tagSet := *allTags || !filter.IsZero()
	if *prune && !tagSet {
		fmt.Fprintln(stderr, "imagesync: --prune works on tag sets: add --all-tags or a tag filter")
		return 2
	}
	svc, code := build(*config, *conc, stderr, getenv, func(cfg *infra.Config) error {
		return tf.apply(cfg, fs.Arg(0), fs.Arg(1))
	})
	if svc == nil {
		return code
	}
	if *progress && !*dryRun {
		p := &progressPrinter{w: stderr, tty: isTerminal(stderr)}
		ctx = registry.WithProgressHook(ctx, p.interval(*every), p.show)
	}
	if tagSet {
		if ref, reason := core.ParseReference(fs.Arg(1)); reason == "" && (ref.Tag != "" || ref.Digest != "") && filter.Latest != 1 {
			fmt.Fprintf(stderr, "imagesync: DST %s names a tag: every tag of SRC would be written to it, each over the last; "+
				"name a repository (each tag keeps its name), or pass --latest 1\n", fs.Arg(1))
			return 2
		}
		job := core.Job{Name: "sync", Sources: []string{fs.Arg(0)}, Tags: filter, Platforms: platforms,
			Targets: []core.TargetTemplate{{Endpoint: core.Endpoint{Image: fs.Arg(1)}, Override: *override}}}
		if *prune {
			job.Prune, job.Owns = true, []string{owned(fs.Arg(1))}
		}
		out, err := svc.RunJob(ctx, job, *dryRun)
		return report(stdout, stderr, out, err)
	}
	req := core.SyncRequest{Source: core.Endpoint{Image: fs.Arg(0)}, Target: core.Endpoint{Image: fs.Arg(1)},
		Override: *override, DryRun: *dryRun, Platforms: platforms}
	task, err := svc.Sync(ctx, req)
	if task.ID != "" {
		writeJSON(stdout, task)
	}
	if code := exitCode(stderr, err); code != 0 {
		if ref, reason := core.ParseReference(fs.Arg(0)); reason == "" && ref.Tag == "" && ref.Digest == "" {
			fmt.Fprintln(stderr, "imagesync: to sync the tags of a repository, add --all-tags or a filter (--include, --semver, --latest)")
		}
		return code
	}
	return 0
}

// owned is the repository a pruning tag set owns: DST as the engine names
// it (alpine: docker.io/library/alpine), or as given when it is a template.
func owned(dst string) string {
	if ref, reason := core.ParseReference(dst); reason == "" {
		return ref.Name()
	}
	return dst
}

// build loads the configuration, applies the command's flags to it
// (adjust) and wires the service; on failure it returns nil and the exit
// code.
func build(config string, concurrency int, stderr io.Writer, getenv func(string) string, adjust ...func(*infra.Config) error) (*core.Service, int) {
	cfg, err := infra.Load(config, getenv)
	switch {
	case err == nil && (concurrency < 0 || concurrency > 64):
		err = fmt.Errorf("--concurrency: must be between 1 and 64")
	case err == nil && concurrency > 0:
		cfg.Concurrency = concurrency
	}
	for _, a := range adjust {
		if err == nil {
			err = a(&cfg)
		}
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return nil, 2
	}
	svc, err := infra.Build(cfg, infra.NewLogger(stderr, cfg.Log))
	if err != nil {
		fmt.Fprintln(stderr, err)
		return nil, 2
	}
	return svc, 0
}

// report prints a job's outcome as JSON on stdout and a summary on stderr.
// A failed tag fails the command (exit 1), after every other tag had its
// turn.
func report(stdout, stderr io.Writer, out core.JobOutcome, err error) int {
	if err != nil && core.KindOf(err) == "invalid" {
		return exitCode(stderr, err)
	}
	writeJSON(stdout, out)
	if summarize(stderr, out) && err == nil {
		return 1
	}
	return exitCode(stderr, err)
}

// summarize writes a job's outcome to stderr: one line of counts, then
// each failure and note. It reports whether the job fell short: a tag
// failed or was left, or a source gave no tags.
func summarize(stderr io.Writer, out core.JobOutcome) bool {
	summary := fmt.Sprintf("%s: copied %d, skipped %d, failed %d", out.Name, out.Copied, out.Skipped, len(out.Failed))
	if n := len(out.Planned); n > 0 {
		var bytes int64
		for _, p := range out.Planned {
			bytes += p.Bytes
		}
		summary += fmt.Sprintf(", planned %d (up to %d bytes)", n, bytes)
	}
	if out.Remaining > 0 {
		summary += fmt.Sprintf(", left %d", out.Remaining)
	}
	if len(out.Pruned) > 0 || len(out.NotPruned) > 0 {
		summary += fmt.Sprintf(", pruned %d, kept %d", len(out.Pruned), len(out.NotPruned))
	}
	fmt.Fprintln(stderr, "imagesync:", summary)
	for _, f := range out.Failed {
		fmt.Fprintf(stderr, "imagesync: failed %s -> %s: %s\n", f.Source.Image, f.Target.Image, f.Reason)
	}
	for _, n := range out.Notes {
		fmt.Fprintf(stderr, "imagesync: %s: note: %s\n", out.Name, n)
	}
	return len(out.Failed) > 0 || out.Remaining > 0 || len(out.Unlisted) > 0
}

func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// exitCode prints err and maps it: 0 without one, 2 for invalid input, 1
// otherwise.
func exitCode(stderr io.Writer, err error) int {
	if err == nil {
		return 0
	}
	fmt.Fprintln(stderr, "imagesync:", err)
	if core.KindOf(err) == "invalid" {
		return 2
	}
	return 1
}

// interleaved moves flags ahead of positional arguments, so that
// "sync SRC DST --override" works as well as "sync --override SRC DST".
func interleaved(args []string) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--":
			pos = append(pos, args[i+1:]...)
			i = len(args)
		case len(a) > 1 && a[0] == '-':
			flags = append(flags, a)
			if takesValue(a) && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
		default:
			pos = append(pos, a)
		}
	}
	return append(flags, pos...)
}

// takesValue reports whether the flag a (without "=value") is followed by
// its value.
func takesValue(a string) bool {
	if strings.Contains(a, "=") {
		return false
	}
	switch strings.TrimLeft(a, "-") {
	case "config", "progress-interval", "include", "exclude", "semver", "latest", "order", "concurrency", "job",
		"src-tls", "dest-tls", "src-ca", "dest-ca", "platform":
		return true
	}
	return false
}

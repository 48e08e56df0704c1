package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/infra"
)

func syncCmd(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("sync", flag.ContinueOnError)
	fs.SetOutput(stderr)
	override := fs.Bool("override", false, "replace a target tag that holds another digest")
	dryRun := fs.Bool("dry-run", false, "compare and report, change nothing")
	config := fs.String("config", getenv("IMAGESYNC_CONFIG"), "YAML configuration file")
	progress := fs.Bool("progress", true, "show progress on stderr: a bar on a terminal, else plain lines")
	every := fs.Duration("progress-interval", 0, "how often progress is shown (default 200ms on a terminal, else 5s)")
	if err := fs.Parse(interleaved(args)); err != nil {
		return 2
	}
	if fs.NArg() != 2 {
		fmt.Fprintln(stderr, "usage: imagesync sync SRC DST [--override] [--dry-run]")
		return 2
	}
	cfg, err := infra.Load(*config, getenv)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	svc, err := infra.Build(cfg, infra.NewLogger(stderr, cfg.Log))
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	req := core.SyncRequest{Source: core.Endpoint{Image: fs.Arg(0)}, Target: core.Endpoint{Image: fs.Arg(1)},
		Override: *override, DryRun: *dryRun}
	if *progress && !*dryRun {
		p := &progressPrinter{w: stderr, tty: isTerminal(stderr)}
		ctx = registry.WithProgressHook(ctx, p.interval(*every), p.show)
	}
	task, err := svc.Sync(ctx, req)
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if task.ID != "" {
		_ = enc.Encode(task)
	}
	if err != nil {
		fmt.Fprintln(stderr, "imagesync:", err)
		if core.KindOf(err) == "invalid" {
			return 2
		}
		return 1
	}
	return 0
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
			if (a == "--config" || a == "-config" || a == "--progress-interval" || a == "-progress-interval") && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
		default:
			pos = append(pos, a)
		}
	}
	return append(flags, pos...)
}

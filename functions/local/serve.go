package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"

	"github.com/imagesync/imagesync/functions/app"
	"github.com/imagesync/imagesync/infra"
)

func init() {
	register(&command{
		name:    "serve",
		summary: "serve the HTTP API (syncs, events, ticks, the status page)",
		usage:   []string{"[--addr HOST:PORT] [--config FILE] [flags]"},
		about: `
Serves the HTTP API and the status page (GET /) until interrupted; PORT,
when set, picks the port. On a loopback address with no auth section,
authentication is off (with a warning). Anywhere else it needs an auth
section: tokens or signing keys, or an explicit auth: {mode: none}.`,
		examples: []string{
			"imagesync serve",
			"IMAGESYNC_HMAC=$(cat hmac.key) imagesync serve --addr 0.0.0.0:8080 --config imagesync.yaml",
		},
		run: serveCmd,
	})
}

func serveCmd(ctx context.Context, c *cli, args []string) int {
	cmd := commands["serve"]
	fs := cmd.flags()
	addr := fs.String("addr", "127.0.0.1:8080", "`HOST:PORT` to listen on (PORT, when set, picks the port)")
	config := fs.String("config", c.getenv("IMAGESYNC_CONFIG"), "YAML configuration `FILE` (or regsync's or image-syncer's; default $IMAGESYNC_CONFIG)")
	dialect := dialectFlags(fs)
	lf := addLogFlags(fs)
	if done, code := cmd.parse(c, fs, args, 0, 0); done {
		return code
	}
	if port := c.getenv("PORT"); port != "" && !flagSet(fs, "addr") {
		*addr = net.JoinHostPort("", port)
	}
	cfg, src, err := infra.LoadSource(withConfig(dialect.env(c.getenv), *config))
	if err != nil {
		fmt.Fprintln(c.stderr, "imagesync:", err)
		return exitUsage
	}
	if lf.verbose {
		cfg.Log.Level = "info"
	}
	if lf.level != "" {
		cfg.Log.Level = string(lf.level)
	}
	log := infra.NewLogger(infra.Redacting(c.stderr, cfg.Secrets()), cfg.Log)
	if cfg.LoopbackDefault(*addr) {
		// The app warns that authentication is off; this says why.
		log.Info("no auth section: authentication is off because " + *addr + " is a loopback address; configure auth before listening elsewhere")
	} else if reason := exposedWithoutAuth(cfg, *addr); reason != "" {
		fmt.Fprintln(c.stderr, "imagesync serve:", reason)
		return exitUsage
	}
	src.Log(log)
	a, err := app.WireSource(cfg, src, log)
	if err != nil {
		fmt.Fprintln(c.stderr, "imagesync:", err)
		return exitUsage
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(c.stderr, "imagesync:", err)
		return exitFailed
	}
	stop := startSchedules(ctx, a)
	err = a.Serve(ctx, ln)
	stop()
	if err != nil {
		log.Error("server stopped", slog.String("error", err.Error()))
		return exitFailed
	}
	return exitOK
}

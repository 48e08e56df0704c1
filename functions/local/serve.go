package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"time"

	"github.com/imagesync/imagesync/functions/app"
	"github.com/imagesync/imagesync/infra"
)

func serve(ctx context.Context, args []string, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on (PORT, when set, picks the port)")
	config := fs.String("config", getenv("IMAGESYNC_CONFIG"), "YAML configuration file")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if port := getenv("PORT"); port != "" && !flagSet(fs, "addr") {
		*addr = net.JoinHostPort("", port)
	}
	cfg, err := infra.Load(*config, getenv)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	log := infra.NewLogger(infra.Redacting(stderr, cfg.Secrets()), cfg.Log)
	if cfg.LoopbackDefault(*addr) {
		log.Warn("no auth section: authentication is off because " + *addr + " is a loopback address; configure auth before listening elsewhere")
	}
	a, err := app.Wire(cfg, log)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	if err := a.Serve(ctx, ln, 30*time.Second); err != nil {
		log.Error("server stopped", slog.String("error", err.Error()))
		return 1
	}
	return 0
}

func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

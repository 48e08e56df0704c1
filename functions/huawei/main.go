package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/imagesync/imagesync/functions/app"
	"github.com/imagesync/imagesync/functions/platform"
)

const usage = "usage: imagesync-fg [serve|events]   (serve: HTTP on port 8000 or $PORT; events: FunctionGraph custom runtime)\n"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

// run is main without the process: it returns the exit code.
func run(ctx context.Context, args []string, stderr io.Writer, getenv func(string) string) int {
	mode := "serve"
	if len(args) > 0 {
		mode = args[0]
	}
	if len(args) > 1 || (mode != "serve" && mode != "events") {
		fmt.Fprint(stderr, usage)
		return 2
	}
	a, err := app.New(getenv, stderr)
	if err != nil {
		platform.StartupFailed(stderr, err)
		return 1
	}
	if mode == "events" {
		err = runEvents(ctx, getenv, platform.AppEvents(a), a.Config.Server.WithDefaults().ShutdownGrace, a.Log)
	} else {
		err = serve(ctx, getenv, a)
	}
	if err != nil {
		a.Log.Error("stopped", slog.String("error", err.Error()))
		return 1
	}
	return 0
}

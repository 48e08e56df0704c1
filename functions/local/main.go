package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `usage:
  imagesync serve [--addr 127.0.0.1:8080] [--config FILE]
  imagesync sync SRC DST [--override] [--dry-run] [--config FILE] [--progress=false] [--progress-interval D]
  imagesync sync SRC-REPO DST-REPO (--all-tags | --include RE --exclude RE --semver RANGE --latest N [--order pushed])
                 [--prune] [--concurrency N] [--override] [--dry-run] [--config FILE]
  sync options for the registries' TLS: [--src-tls|--dest-tls enabled|insecure|disabled] [--src-ca|--dest-ca PEM] [--insecure]
  sync options for indexes: [--platform os/arch[/variant]]... (or --platform all)
  imagesync once --config FILE [--job NAME]... [--dry-run] [--concurrency N]
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

// run is main without the process: it returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "serve":
		return serve(ctx, args[1:], stderr, getenv)
	case "sync":
		return syncCmd(ctx, args[1:], stdout, stderr, getenv)
	case "once":
		return onceCmd(ctx, args[1:], stdout, stderr, getenv)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "unknown command %q\n%s", args[0], usage)
	return 2
}

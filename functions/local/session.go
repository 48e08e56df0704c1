package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"strings"

	"github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/infra"
)

// logFlags are -v and --log-level.
type logFlags struct {
	verbose bool
	level   levelValue
}

type levelValue string

func (l *levelValue) String() string { return string(*l) }

func (l *levelValue) Set(s string) error {
	switch strings.ToLower(s) {
	case "debug", "info", "warn", "error":
		*l = levelValue(strings.ToLower(s))
		return nil
	}
	return errors.New("must be debug, info, warn or error")
}

func addLogFlags(fs *flag.FlagSet) *logFlags {
	l := &logFlags{}
	fs.BoolVar(&l.verbose, "v", false, "verbose: log at info level")
	fs.Var(&l.level, "log-level", "log at `LEVEL`: debug, info, warn or error (default warn on a terminal, else the config's, info)")
	return l
}

// session is what a command that runs syncs works with: the service, and
// stderr shared by logs and the progress bar.
type session struct {
	svc *core.Service
	cfg infra.Config
	con *console
}

// session loads the configuration, applies the command's flags to it
// (adjust), sets the logger and wires the service; on failure it says why
// and returns nil and the exit code.
func (c *cli) session(config string, concurrency int, lf *logFlags, logins []registry.Credential, adjust ...func(*infra.Config) error) (*session, int) {
	cfg, _, err := infra.LoadSource(withConfig(c.getenv, config))
	switch {
	case err == nil && (concurrency < 0 || concurrency > 64):
		err = errors.New("--concurrency: must be between 1 and 64")
	case err == nil && concurrency > 0:
		cfg.Concurrency = concurrency
	}
	for _, a := range adjust {
		if err == nil {
			err = a(&cfg)
		}
	}
	if err != nil {
		fmt.Fprintln(c.stderr, "imagesync:", err)
		return nil, exitUsage
	}
	cfg.Registry.Credentials = append(cfg.Registry.Credentials, logins...)
	s := &session{cfg: cfg, con: newConsole(c.stderr)}
	secrets := cfg.Secrets()
	for _, l := range logins {
		secrets = append(secrets, []byte(l.Password))
	}
	s.svc, err = infra.Build(cfg, lf.logger(s.con, cfg.Log, secrets))
	if err != nil {
		fmt.Fprintln(c.stderr, "imagesync:", err)
		return nil, exitUsage
	}
	return s, exitOK
}

// logger logs to the console: on a terminal at warn, as text, unless -v
// or --log-level say otherwise; elsewhere as the configuration says.
// Secrets are redacted. The core's line for a failed sync is dropped: the
// command reports every failure itself, once.
func (l *logFlags) logger(con *console, lc infra.LogConfig, secrets [][]byte) *slog.Logger {
	if con.tty {
		lc.Level, lc.Format = "warn", "text"
	}
	if l.verbose {
		lc.Level = "info"
	}
	if l.level != "" {
		lc.Level = string(l.level)
	}
	return slog.New(reportedOnce{infra.NewLogger(infra.Redacting(con, secrets), lc).Handler()})
}

// reportedOnce drops the core's outcome record of a failed sync ("sync"
// at warn or above), which the command prints as its own error line.
type reportedOnce struct{ slog.Handler }

func (h reportedOnce) Handle(ctx context.Context, r slog.Record) error {
	if r.Message == "sync" && r.Level >= slog.LevelWarn {
		return nil
	}
	return h.Handler.Handle(ctx, r)
}

func (h reportedOnce) WithAttrs(a []slog.Attr) slog.Handler {
	return reportedOnce{h.Handler.WithAttrs(a)}
}

func (h reportedOnce) WithGroup(name string) slog.Handler {
	return reportedOnce{h.Handler.WithGroup(name)}
}

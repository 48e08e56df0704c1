package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"

	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/functions/httpapi"
	"github.com/imagesync/imagesync/infra"
)

// App is a wired imagesync: build it once per process with New.
type App struct {
	Config  infra.Config
	Source  infra.Source // where Config came from (GET /healthz says)
	Log     *slog.Logger
	Service *core.Service
	HTTP    http.Handler
}

// New finds and loads the configuration (infra.LoadSource: IMAGESYNC_CONFIG,
// IMAGESYNC_CONFIG_YAML, imagesync.yaml in the code root, else the
// default; the environment applies on top), logs which source won, and
// wires everything. logTo receives the JSON log lines (os.Stderr on every
// platform).
func New(getenv func(string) string, logTo io.Writer, opts ...core.Option) (*App, error) {
	cfg, src, log, err := Load(getenv, logTo)
	if err != nil {
		return nil, err
	}
	return WireSource(cfg, src, log, opts...)
}

// Load is New up to the wiring: the configuration as a function finds it
// (checked for the functions too: infra.CheckDeploy), its source, and the
// logger, which has said where the configuration came from.
func Load(getenv func(string) string, logTo io.Writer) (infra.Config, infra.Source, *slog.Logger, error) {
	cfg, src, err := infra.LoadSource(getenv)
	if err == nil {
		if err = infra.CheckDeploy(cfg); err != nil {
			err = fmt.Errorf("config %s: %w", src.From, err)
		}
	}
	if err != nil {
		return cfg, src, nil, err
	}
	log := infra.NewLogger(infra.Redacting(logTo, cfg.Secrets()), cfg.Log)
	src.Log(log)
	return cfg, src, log, nil
}

// Wire builds an App from a loaded configuration.
func Wire(cfg infra.Config, log *slog.Logger, opts ...core.Option) (*App, error) {
	return WireSource(cfg, infra.Source{}, log, opts...)
}

// WireSource is Wire of a configuration loaded from src.
func WireSource(cfg infra.Config, src infra.Source, log *slog.Logger, opts ...core.Option) (*App, error) {
	svc, err := infra.Build(cfg, log, opts...)
	if err != nil {
		return nil, fmt.Errorf("wiring: %w", err)
	}
	a := &App{Config: cfg, Source: src, Log: log, Service: svc}
	if cfg.Auth.Mode == infra.AuthNone {
		log.Warn("API authentication is OFF (auth.mode: none): anyone who reaches this endpoint can move images; rely on the platform's own authentication or a loopback address")
	}
	a.HTTP = httpapi.New(svc, httpapi.WithLogger(log), httpapi.WithSecurity(httpapi.SecurityFrom(cfg)),
		httpapi.WithConfigSource(src.From, src.Digest), httpapi.WithStatusPage(statusPage(src)), httpapi.WithEvents(
			func(ctx context.Context, body []byte, headers map[string]string, dryRun bool) (any, error) {
				return a.HandleEvent(ctx, body, headers, dryRun)
			},
			func(ctx context.Context, jobs []string, dryRun bool) (any, error) { return a.Tick(ctx, jobs, dryRun) }))
	return a, nil
}

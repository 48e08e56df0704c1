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
	Log     *slog.Logger
	Service *core.Service
	HTTP    http.Handler
}

// New loads the configuration (IMAGESYNC_CONFIG names the file; the
// environment applies on top) and wires everything. logTo receives the JSON
// log lines (os.Stderr on every platform).
func New(getenv func(string) string, logTo io.Writer, opts ...core.Option) (*App, error) {
	cfg, err := infra.Load(getenv("IMAGESYNC_CONFIG"), getenv)
	if err != nil {
		return nil, err
	}
	return Wire(cfg, infra.NewLogger(infra.Redacting(logTo, cfg.Secrets()), cfg.Log), opts...)
}

// Wire builds an App from a loaded configuration.
func Wire(cfg infra.Config, log *slog.Logger, opts ...core.Option) (*App, error) {
	svc, err := infra.Build(cfg, log, opts...)
	if err != nil {
		return nil, fmt.Errorf("wiring: %w", err)
	}
	a := &App{Config: cfg, Log: log, Service: svc}
	if cfg.Auth.Mode == infra.AuthNone {
		log.Warn("API authentication is OFF (auth.mode: none): anyone who reaches this endpoint can move images; rely on the platform's own authentication or a loopback address")
	}
	a.HTTP = httpapi.New(svc, httpapi.WithLogger(log), httpapi.WithSecurity(httpapi.SecurityFrom(cfg)), httpapi.WithEvents(
		func(ctx context.Context, body []byte, headers map[string]string, dryRun bool) (any, error) {
			return a.HandleEvent(ctx, body, headers, dryRun)
		},
		func(ctx context.Context, jobs []string, dryRun bool) (any, error) { return a.Tick(ctx, jobs, dryRun) }))
	return a, nil
}

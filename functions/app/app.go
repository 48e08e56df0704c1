package app

import (
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
	log := infra.NewLogger(logTo, cfg.Log)
	svc, err := infra.Build(cfg, log, opts...)
	if err != nil {
		return nil, fmt.Errorf("wiring: %w", err)
	}
	a := &App{Config: cfg, Log: log, Service: svc}
	a.HTTP = httpapi.New(svc, httpapi.WithLogger(log))
	return a, nil
}

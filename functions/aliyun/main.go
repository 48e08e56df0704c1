package main

import (
	"context"
	"io"
	"os"

	"github.com/aliyun/fc-runtime-go-sdk/fc"
	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/functions/app"
	"github.com/imagesync/imagesync/functions/platform"
	"github.com/imagesync/imagesync/infra"
)

func main() {
	a, err := newApp(os.Getenv, os.Stderr)
	if err != nil {
		platform.StartupFailed(os.Stderr, err)
		os.Exit(1)
	}
	h, s := New(a), newStopper(a.Config.Server.WithDefaults().ShutdownGrace)
	fc.RegisterPreStopFunction(s.preStop) // configured as the function's PreStop hook in s.yaml
	fc.Start(func(ctx context.Context, payload []byte) (any, error) {
		return s.track(ctx, func(ctx context.Context) (any, error) { return h.Invoke(ctx, payload) })
	})
}

// newApp wires the App as app.New does, except that the ACR engine (from
// the config's acr section, else defaults) signs with each invocation's
// STS credentials.
func newApp(getenv func(string) string, logTo io.Writer) (*app.App, error) {
	cfg, src, err := infra.LoadSource(getenv)
	if err != nil {
		return nil, err
	}
	log := infra.NewLogger(infra.Redacting(logTo, cfg.Secrets()), cfg.Log)
	src.Log(log)
	e, err := acrEngine(cfg.ACR, getenv, log)
	if err != nil {
		return nil, err
	}
	return app.WireSource(cfg, src, log, core.WithEngine(e))
}

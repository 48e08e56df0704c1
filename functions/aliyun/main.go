package main

import (
	"context"
	"io"
	"os"

	"github.com/aliyun/fc-runtime-go-sdk/fc"
	"github.com/imagesync/imagesync/adapters/acr"
	"github.com/imagesync/imagesync/functions/app"
	"github.com/imagesync/imagesync/functions/platform"
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

// newApp wires the App as app.New does, with Function Compute's default:
// the ACR EE engine is on even without an acr section, its region the
// function's (FC_REGION) and its instance IMAGESYNC_ACR_INSTANCE unless
// the section says otherwise. Like every engine it signs with the STS keys
// FC hands with each invocation (stsCredentials puts them in the context).
func newApp(getenv func(string) string, logTo io.Writer) (*app.App, error) {
	cfg, src, log, err := app.Load(getenv, logTo)
	if err != nil {
		return nil, err
	}
	c := acr.Config{}
	if cfg.ACR != nil {
		c = *cfg.ACR
	}
	if c.Region == "" {
		c.Region = getenv("FC_REGION")
	}
	if c.Instance == "" {
		c.Instance = getenv("IMAGESYNC_ACR_INSTANCE")
	}
	cfg.ACR = &c
	return app.WireSource(cfg, src, log)
}

package infra

import (
	"fmt"
	"log/slog"
	"os"

	"github.com/imagesync/imagesync/adapters/acr"
	"github.com/imagesync/imagesync/adapters/hss"
	"github.com/imagesync/imagesync/adapters/swr"
	"github.com/imagesync/imagesync/core"
)

// nativeEngines builds the cloud engines whose sections the configuration
// holds. Credentials come from each cloud's standard environment chain.
func nativeEngines(cfg Config, log *slog.Logger) ([]core.Option, error) {
	var opts []core.Option
	if cfg.ACR != nil {
		e, err := acr.New(*cfg.ACR, acrOptions(log)...)
		if err != nil {
			return nil, fmt.Errorf("acr engine: %w", err)
		}
		opts = append(opts, core.WithEngine(e))
	}
	if cfg.SWR != nil {
		e, err := swr.New(*cfg.SWR, swrOptions(log, os.Getenv)...)
		if err != nil {
			return nil, fmt.Errorf("swr engine: %w", err)
		}
		opts = append(opts, core.WithEngine(e))
	}
	if cfg.HSS != nil {
		e, err := hss.New(*cfg.HSS, hssOptions(log, os.Getenv)...)
		if err != nil {
			return nil, fmt.Errorf("hss engine: %w", err)
		}
		opts = append(opts, core.WithEngine(e))
	}
	return opts, nil
}

package infra

import (
	"fmt"
	"log/slog"

	"github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/core"
)

// Build wires the configured engines into a Service. extra options are
// applied last (an entrypoint may add or replace an engine).
func Build(cfg Config, log *slog.Logger, extra ...core.Option) (*core.Service, error) {
	opts := []core.Option{core.WithLogger(log), core.WithTriggers(cfg.Triggers), core.WithConcurrency(cfg.Concurrency)}
	if cfg.History != nil {
		opts = append(opts, core.WithHistory(*cfg.History))
	}
	if !cfg.Registry.Disabled {
		e, err := registry.New(registry.WithJobs(cfg.Registry.Jobs), registry.WithLogger(log),
			registry.WithUserAgent(orDefault(cfg.Registry.UserAgent, "imagesync")))
		if err != nil {
			return nil, fmt.Errorf("registry engine: %w", err)
		}
		opts = append(opts, core.WithEngine(e))
	}
	native, err := nativeEngines(cfg, log)
	if err != nil {
		return nil, err
	}
	opts = append(opts, native...)
	svc := core.New(append(opts, extra...)...)
	if len(svc.Engines()) == 0 {
		return nil, fmt.Errorf("config: %w: no engine is enabled", core.ErrInvalid)
	}
	return svc, nil
}

package infra

import (
	"os"

	"fmt"
	"github.com/google/go-containerregistry/pkg/authn"
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
		e, err := registryEngine(cfg.Registry, log)
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

// registryEngine builds the direct copy engine: static credentials first,
// then docker config.json and its helpers; cloud coordinates resolved.
func registryEngine(c RegistryConfig, log *slog.Logger) (*registry.Engine, error) {
	retry := registry.DefaultRetry
	if c.Attempts > 0 {
		retry.Attempts = c.Attempts
	}
	kc := authn.NewMultiKeychain(registry.StaticKeychain(c.Credentials, os.Getenv), authn.DefaultKeychain)
	hosts := registry.Hosts{core.EngineSWR: registry.SWRHost, core.EngineACR: registry.StaticHosts(c.ACRHosts)}
	return registry.New(registry.WithJobs(c.Jobs), registry.WithLogger(log), registry.WithRetry(retry),
		registry.WithKeychain(kc), registry.WithResolver(hosts),
		registry.WithUserAgent(orDefault(c.UserAgent, "imagesync")))
}

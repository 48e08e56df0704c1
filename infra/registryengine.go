package infra

import (
	"fmt"
	"log/slog"

	"github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/core"
)

// RegistryEngine builds the direct copy engine alone, wired as Build wires
// it (credentials, TLS per host, the address guard, retries), for copies
// made outside the Service: the CLI's copies to and from OCI layouts.
func RegistryEngine(cfg Config, log *slog.Logger) (*registry.Engine, error) {
	if cfg.Registry.Disabled {
		return nil, fmt.Errorf("config: %w: registry.disabled: the registry engine is off", core.ErrInvalid)
	}
	e, err := registryEngine(cfg.Registry, cfg.Policy.AllowHosts, nil, log)
	if err != nil {
		return nil, fmt.Errorf("registry engine: %w", err)
	}
	return e, nil
}

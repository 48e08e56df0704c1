package infra

import (
	"net"
	"os"
	"time"

	"fmt"
	"github.com/google/go-containerregistry/pkg/authn"
	"log/slog"

	"github.com/imagesync/imagesync/adapters/acr"
	"github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/swr"
	"github.com/imagesync/imagesync/core"
)

// Build wires the configured engines into a Service. extra options are
// applied last (an entrypoint may add or replace an engine).
func Build(cfg Config, log *slog.Logger, extra ...core.Option) (*core.Service, error) {
	logTranslation(log, cfg.Translated)
	opts := []core.Option{core.WithLogger(log), core.WithTriggers(cfg.Triggers), core.WithConcurrency(cfg.Concurrency),
		core.WithSchedules(ParseSchedule)}
	// policy.triggers, policy.allowHosts, limits.tagsPerJob and
	// limits.bytesPerRun are enforced in core, before any engine is called.
	opts = append(opts, cfg.securityOptions()...)
	if cfg.History != nil {
		opts = append(opts, core.WithHistory(*cfg.History))
	}
	if !cfg.Registry.Disabled {
		prep, err := preparer(cfg, log)
		if err != nil {
			return nil, fmt.Errorf("registry engine: %w", err)
		}
		e, err := registryEngine(cfg.Registry, cfg.Policy.AllowHosts, prep, log)
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

// registryEngine builds the direct copy engine. Credentials: static ones
// first, then the platform's own logins (cloudLogins: SWR, ACR EE, ECR and
// Google registries, each with its cloud's credential chain, built only
// when one of its hosts is named, and the invocation's keys on FC and
// FunctionGraph), then docker config.json and its helpers. SWR coordinates
// resolve by region; ACR EE ones by acrHosts, else by the instance
// endpoint API when Alibaba keys are present. Push times (tags.order:
// pushed) come from the ECR, SWR and ACR EE APIs with the same identities.
func registryEngine(c RegistryConfig, allowHosts []string, prep registry.Preparer, log *slog.Logger) (*registry.Engine, error) {
	retry := registry.DefaultRetry
	if c.Attempts > 0 {
		retry.Attempts = c.Attempts
	}
	chains := []authn.Keychain{registry.StaticKeychain(c.Credentials, os.Getenv)}
	hosts := registry.Hosts{core.EngineSWR: registry.SWRRegionHost, core.EngineACR: registry.StaticHosts(c.ACRHosts)}
	logins, opts, err := cloudLogins(c, hosts)
	if err != nil {
		return nil, err
	}
	chains = append(chains, logins...)
	kc := authn.NewMultiKeychain(append(chains, c.dockerKeychain())...)
	progress := 10 * time.Second
	if c.ProgressSeconds != 0 {
		progress = time.Duration(c.ProgressSeconds) * time.Second
	}
	if c.MaxWait != nil {
		opts = append(opts, registry.WithMaxWait(*c.MaxWait))
	}
	if prep != nil {
		opts = append(opts, registry.WithPreparer(prep))
	}
	if c.Jobs != 0 {
		opts = append(opts, registry.WithJobs(c.Jobs))
	}
	return registry.New(append(opts, registry.WithLogger(log), registry.WithRetry(retry),
		registry.WithKeychain(kc), registry.WithResolver(hosts), registry.WithHosts(c.Hosts...),
		registry.WithUserAgent(orDefault(c.UserAgent, "imagesync")),
		registry.WithPlatforms(c.Platforms...), registry.WithReferrers(c.Referrers), registry.WithProgress(progress),
		registry.WithRanges(c.Ranges.engine()),
		// Registries are never reached at link-local or metadata addresses,
		// whatever their names resolve to (DNS rebinding included).
		registry.WithDialer(DialGuard{Allow: AllowPrefixes(allowHosts)}.Dialer(&net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second})))...)
}

// preparer is what creates missing ACR EE and SWR targets for the registry
// engine when registry.prepareTargets is set: the acr and swr adapters of
// the sections present (nil when none is, or the key is off).
func preparer(cfg Config, log *slog.Logger) (registry.Preparer, error) {
	if !cfg.Registry.PrepareTargets {
		return nil, nil
	}
	p := registry.Preparers{}
	if cfg.ACR != nil {
		e, err := acr.New(*cfg.ACR, acrOptions(log)...)
		if err != nil {
			return nil, fmt.Errorf("acr preparer: %w", err)
		}
		p[core.EngineACR] = e
	}
	if cfg.SWR != nil {
		e, err := swr.New(*cfg.SWR, swrOptions(log, os.Getenv)...)
		if err != nil {
			return nil, fmt.Errorf("swr preparer: %w", err)
		}
		p[core.EngineSWR] = e
	}
	return p, nil
}

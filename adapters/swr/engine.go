package swr

import (
	"context"
	"fmt"
	"time"

	swrsdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/swr/v2"

	"github.com/imagesync/imagesync/adapters/huawei"
	"github.com/imagesync/imagesync/adapters/internal/huaweicloud"
	"github.com/imagesync/imagesync/core"
)

// Engine syncs images between SWR regions with SWR's own sync jobs. Build it
// once per process with New; it is safe for concurrent use.
type Engine struct {
	cfg     Config
	hc      *huaweicloud.Client
	regions *regionCache
}

var (
	_ core.Engine     = (*Engine)(nil)
	_ core.TaskReader = (*Engine)(nil)
	_ core.AutoSyncer = (*Engine)(nil)
)

// New builds an Engine with the options every Huawei Cloud engine takes
// (adapters/huawei). It checks the options, the configuration and that
// credentials are present; it makes no network call.
func New(cfg Config, opts ...huawei.Option) (*Engine, error) {
	set, err := huawei.Apply(opts)
	if err != nil {
		return nil, fmt.Errorf("swr: %w", err)
	}
	e := &Engine{cfg: cfg.withDefaults(set.Getenv)}
	if err := e.cfg.validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", core.ErrInvalid, err)
	}
	svc := huaweicloud.Service{Name: core.EngineSWR, NotFound: "the organization or repository was not found"}
	hc, err := huaweicloud.NewClient(svc, set, time.Duration(e.cfg.TimeoutSeconds)*time.Second, e.cfg.MaxAttempts)
	if err != nil {
		return nil, err
	}
	e.hc = hc
	e.regions = newRegionCache(time.Duration(e.cfg.RegionCacheSeconds)*time.Second, set.Now)
	return e, nil
}

// Name is "swr".
func (e *Engine) Name() string { return core.EngineSWR }

// call runs one SDK call against a region with a client bound to ctx (see
// huaweicloud.Call): the region's endpoint and project id come from Config.
func (e *Engine) call(ctx context.Context, region, op string, fn func(*swrsdk.SwrClient) error) error {
	t := huaweicloud.Target{Region: region, Endpoint: e.cfg.endpoint(region), Project: e.cfg.project(region)}
	return huaweicloud.Call(ctx, e.hc, t, op, swrsdk.NewSwrClient, fn)
}

// retry is huaweicloud's full-jitter retry, the only retry layer.
func (e *Engine) retry(ctx context.Context, op string, fn func() error) error {
	return e.hc.Retry(ctx, op, fn)
}

// now is the engine's clock.
func (e *Engine) now() time.Time { return e.hc.Now() }

package swr

import (
	"context"
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
	e := &Engine{}
	hc, err := huaweicloud.Open(huaweicloud.Service{Name: core.EngineSWR, NotFound: "the organization or repository was not found"}, opts,
		func(getenv func(string) string) (time.Duration, int, error) {
			e.cfg = cfg.withDefaults(getenv)
			return time.Duration(e.cfg.TimeoutSeconds) * time.Second, e.cfg.MaxAttempts, e.cfg.validate()
		})
	if err != nil {
		return nil, err
	}
	e.hc = hc
	e.regions = newRegionCache(time.Duration(e.cfg.RegionCacheSeconds)*time.Second, hc.Now)
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

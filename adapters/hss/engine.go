package hss

import (
	"context"
	"time"

	hsssdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/hss/v5"

	"github.com/imagesync/imagesync/adapters/huawei"
	"github.com/imagesync/imagesync/adapters/internal/huaweicloud"
	"github.com/imagesync/imagesync/core"
)

// Engine asks Huawei HSS to refresh its inventory of registries' images.
// Build it once per process with New; it is safe for concurrent use.
type Engine struct {
	cfg Config
	hc  *huaweicloud.Client
}

var _ core.Engine = (*Engine)(nil)

// New builds an Engine with the options every Huawei Cloud engine takes
// (adapters/huawei). It checks the options, the configuration and that
// credentials are present; it makes no network call.
func New(cfg Config, opts ...huawei.Option) (*Engine, error) {
	e := &Engine{}
	hc, err := huaweicloud.Open(huaweicloud.Service{Name: core.EngineHSS, NotFound: "the project or registry was not found"}, opts,
		func(getenv func(string) string) (time.Duration, int, error) {
			e.cfg = cfg.withDefaults(getenv)
			return time.Duration(e.cfg.TimeoutSeconds) * time.Second, e.cfg.MaxAttempts, e.cfg.validate()
		})
	if err != nil {
		return nil, err
	}
	e.hc = hc
	return e, nil
}

// Name is "hss".
func (e *Engine) Name() string { return core.EngineHSS }

// call runs one SDK call against a region and project with a client bound
// to ctx (see huaweicloud.Call); the region's endpoint comes from Config.
func (e *Engine) call(ctx context.Context, region, project, op string, fn func(*hsssdk.HssClient) error) error {
	t := huaweicloud.Target{Region: region, Endpoint: e.cfg.endpoint(region), Project: project}
	return huaweicloud.Call(ctx, e.hc, t, op, hsssdk.NewHssClient, fn)
}

// retry is huaweicloud's full-jitter retry, the only retry layer.
func (e *Engine) retry(ctx context.Context, op string, fn func() error) error {
	return e.hc.Retry(ctx, op, fn)
}

// now is the engine's clock.
func (e *Engine) now() time.Time { return e.hc.Now() }

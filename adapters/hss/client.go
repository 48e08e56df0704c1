package hss

import (
	"context"
	"time"

	hsssdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/hss/v5"

	"github.com/imagesync/imagesync/adapters/internal/huaweicloud"
)

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

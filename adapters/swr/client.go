package swr

import (
	"context"
	"time"

	swrsdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/swr/v2"

	"github.com/imagesync/imagesync/adapters/internal/huaweicloud"
)

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

package hss

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
	hsssdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/hss/v5"
)

// call runs one SDK call against a region with a client bound to ctx.
//
// The SDK takes no context, so each call gets its own client whose
// transport carries a context with the call's timeout: cancelling ctx
// aborts the request. The client is built with endpoints only (WithRegion
// would replace them and, without a project id, ask IAM for one), the SDK's
// own retries stay off (one endpoint, no Invoker) and errors go through
// errorHandler, which reads any body, JSON arrays included.
func (e *Engine) call(ctx context.Context, region, project, op string, fn func(*hsssdk.HssClient) error) error {
	timeout := time.Duration(e.cfg.TimeoutSeconds) * time.Second
	callCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	hc := config.DefaultHttpConfig().
		WithTimeout(timeout).
		WithRetries(0).
		WithUserAgent("imagesync").
		WithHttpRoundTripper(ctxTransport{ctx: callCtx, base: e.transport})
	cred, err := basic.NewCredentialsBuilder().
		WithAk(e.creds.AK).
		WithSk(e.creds.SK).
		WithSecurityToken(e.creds.SecurityToken).
		WithProjectId(project).
		SafeBuild()
	if err != nil {
		return e.wrap(op, err)
	}
	hcc, err := hsssdk.HssClientBuilder().
		WithEndpoints([]string{e.cfg.endpoint(region)}).
		WithCredential(cred).
		WithHttpConfig(hc).
		WithErrorHandler(errorHandler{}).
		SafeBuild()
	if err != nil {
		return e.wrap(op, err)
	}
	start := e.now()
	if err = fn(hsssdk.NewHssClient(hcc)); err != nil {
		err = e.wrap(op, err)
	}
	e.log.LogAttrs(ctx, slog.LevelDebug, "hss call", attrsOf(op, region, start, e.now(), err)...)
	return err
}

// ctxTransport sends every request with ctx.
type ctxTransport struct {
	ctx  context.Context
	base http.RoundTripper
}

func (t ctxTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return t.base.RoundTrip(r.WithContext(t.ctx))
}

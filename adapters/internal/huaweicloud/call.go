package huaweicloud

import (
	"context"
	"log/slog"

	httpclient "github.com/huaweicloud/huaweicloud-sdk-go-v3/core"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/basic"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"

	"github.com/imagesync/imagesync/adapters/internal/callpath"
)

// Target is where one call goes: the region (for the log), the endpoint
// and the project id, all chosen by the engine.
type Target struct {
	Region, Endpoint, Project string
}

// Call runs one SDK call against t with a service client bound to ctx;
// newClient is the service's constructor (swr's NewSwrClient, hss's
// NewHssClient). What fails comes back as an error of one of core's kinds.
//
// The SDK takes no context, so each call gets its own client whose
// transport carries a context with the call's timeout: cancelling ctx
// aborts the request. The client is built with endpoints only (WithRegion
// would replace them and, without a project id, ask IAM for one), the SDK's
// own retries stay off (one endpoint, no Invoker) and errors go through
// errorHandler, which reads any body, JSON arrays included.
func Call[C any](ctx context.Context, c *Client, t Target, op string,
	newClient func(*httpclient.HcHttpClient) C, fn func(C) error) error {
	callCtx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	creds, err := c.credentials(callCtx)
	if err != nil {
		return err
	}
	hc := config.DefaultHttpConfig().
		WithTimeout(c.timeout).
		WithRetries(0).
		WithUserAgent("imagesync").
		WithHttpRoundTripper(callpath.BindContext(callCtx, c.transport))
	cred, err := basic.NewCredentialsBuilder().
		WithAk(creds.AK).
		WithSk(creds.SK).
		WithSecurityToken(creds.SecurityToken).
		WithProjectId(t.Project).
		SafeBuild()
	if err != nil {
		return c.wrap(creds, op, err)
	}
	hcc, err := httpclient.NewHcHttpClientBuilder().
		WithEndpoints([]string{t.Endpoint}).
		WithCredential(cred).
		WithHttpConfig(hc).
		WithErrorHandler(errorHandler{}).
		SafeBuild()
	if err != nil {
		return c.wrap(creds, op, err)
	}
	start := c.now()
	if err = fn(newClient(hcc)); err != nil {
		err = c.wrap(creds, op, err)
	}
	c.log.LogAttrs(ctx, slog.LevelDebug, c.svc.Name+" call", attrsOf(op, t.Region, start, c.now(), err)...)
	return err
}

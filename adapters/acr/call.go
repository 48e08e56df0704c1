package acr

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"
	"github.com/imagesync/imagesync/core"
)

// The API the engine speaks.
const (
	apiProduct = "cr"
	apiVersion = "2018-12-01"
)

// envelope is what every answer carries.
type envelope struct {
	Code      string `json:"Code"`
	Message   string `json:"Message"`
	RequestID string `json:"RequestId"`
	IsSuccess *bool  `json:"IsSuccess"`
}

// invoke makes one attempt at one RPC action in region through the SDK's
// generic request, and decodes a successful answer into out. It does not
// retry; see retry.
func (e *Engine) invoke(ctx context.Context, region, action string, params map[string]string, out any) error {
	if err := ctx.Err(); err != nil {
		return contextError(err)
	}
	creds, err := e.creds(ctx)
	if err != nil {
		return &core.ProviderError{Kind: core.ErrUnauthorized, Provider: core.EngineACR, Code: "NoCredentials",
			Message: redact(err.Error(), Credentials{})}
	}
	client, err := e.client(ctx, region, creds)
	if err != nil {
		return &core.ProviderError{Kind: core.ErrInvalid, Provider: core.EngineACR, Code: "SDK.ClientConfig",
			Message: redact(err.Error(), creds)}
	}
	req := requests.NewCommonRequest()
	req.Method, req.Scheme, req.Domain = requests.POST, e.ep.scheme, e.ep.hostFor(region)
	req.Product, req.Version, req.ApiName = apiProduct, apiVersion, action
	req.QueryParams["RegionId"] = region
	for k, v := range params {
		if v != "" {
			req.QueryParams[k] = v
		}
	}
	start := time.Now()
	resp, err := client.ProcessCommonRequest(req)
	err = decode(resp, err, creds, out)
	e.logCall(ctx, action, region, params["InstanceId"], resp, time.Since(start), err)
	return err
}

// client builds an SDK client for one call: its own auto-retry off, the
// engine's transport bound to ctx, the configured read timeout.
func (e *Engine) client(ctx context.Context, region string, c Credentials) (*sdk.Client, error) {
	cfg := sdk.NewConfig()
	cfg.AutoRetry, cfg.MaxRetryTime, cfg.Scheme = false, 0, e.ep.scheme
	cfg.Transport = ctxTransport{ctx: ctx, base: e.transport}
	var cred auth.Credential = credentials.NewAccessKeyCredential(c.AccessKeyID, c.AccessKeySecret)
	if c.SecurityToken != "" {
		cred = credentials.NewStsTokenCredential(c.AccessKeyID, c.AccessKeySecret, c.SecurityToken)
	}
	client, err := sdk.NewClientWithOptions(region, cfg, cred)
	if err != nil {
		return nil, err
	}
	client.SetReadTimeout(e.cfg.ReadTimeout)
	client.SetConnectTimeout(e.cfg.ConnectTimeout)
	return client, nil
}

// decode turns the SDK's outcome into out or a *core.ProviderError.
func decode(resp *responses.CommonResponse, err error, creds Credentials, out any) error {
	if err != nil {
		return sdkError(err, creds)
	}
	body := resp.GetHttpContentBytes()
	var env envelope
	if err := json.Unmarshal(body, &env); err != nil {
		return &core.ProviderError{Kind: core.ErrUnavailable, Provider: core.EngineACR, Code: "InvalidResponse",
			Message: "answer is not JSON: " + redact(truncate(string(body)), creds), Status: resp.GetHttpStatus()}
	}
	if env.IsSuccess != nil && !*env.IsSuccess {
		return providerError(resp.GetHttpStatus(), env.Code, env.Message, env.RequestID, resp.GetHttpHeaders(), creds)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(body, out); err != nil {
		return &core.ProviderError{Kind: core.ErrUnavailable, Provider: core.EngineACR, Code: "InvalidResponse",
			Message: "answer does not have the documented shape: " + err.Error(), RequestID: env.RequestID}
	}
	return nil
}

func (e *Engine) logCall(ctx context.Context, action, region, instance string, resp *responses.CommonResponse, took time.Duration, err error) {
	attrs := []slog.Attr{slog.String("action", action), slog.String("region", region),
		slog.String("instance", instance), slog.Duration("took", took)}
	if resp != nil && resp.BaseResponse != nil {
		attrs = append(attrs, slog.Int("status", resp.GetHttpStatus()))
	}
	level := slog.LevelDebug
	if err != nil {
		level = slog.LevelWarn
		attrs = append(attrs, slog.String("kind", core.KindOf(err)), slog.String("error", err.Error()))
	}
	e.log.LogAttrs(ctx, level, "acr call", attrs...)
}

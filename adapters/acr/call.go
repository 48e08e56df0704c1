package acr

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"

	"github.com/imagesync/imagesync/adapters/internal/alibaba"
	"github.com/imagesync/imagesync/adapters/internal/callpath"
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
		return alibaba.ContextError(core.EngineACR, err)
	}
	creds, err := e.creds(ctx)
	if err != nil {
		return &core.ProviderError{Kind: core.ErrUnauthorized, Provider: core.EngineACR, Code: "NoCredentials",
			Message: callpath.Redact(err.Error())}
	}
	keys := alibaba.Keys(creds)
	client, err := alibaba.NewClient(ctx, region, keys, alibaba.Conn{Transport: e.transport, Scheme: e.ep.scheme,
		ReadTimeout: e.cfg.ReadTimeout, ConnectTimeout: e.cfg.ConnectTimeout})
	if err != nil {
		return &core.ProviderError{Kind: core.ErrInvalid, Provider: core.EngineACR, Code: "SDK.ClientConfig",
			Message: keys.Redact(err.Error())}
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
	err = decode(resp, err, keys, out)
	e.logCall(ctx, action, region, params["InstanceId"], resp, time.Since(start), err)
	return err
}

// decode turns the SDK's outcome into out or a *core.ProviderError.
func decode(resp *responses.CommonResponse, err error, keys alibaba.Keys, out any) error {
	if err != nil {
		return alibaba.Error(core.EngineACR, err, keys)
	}
	body := resp.GetHttpContentBytes()
	var env envelope
	if err := json.Unmarshal(body, &env); err != nil {
		return &core.ProviderError{Kind: core.ErrUnavailable, Provider: core.EngineACR, Code: "InvalidResponse",
			Message: "answer is not JSON: " + keys.Redact(callpath.Truncate(string(body))), Status: resp.GetHttpStatus()}
	}
	if env.IsSuccess != nil && !*env.IsSuccess {
		return alibaba.Failure(core.EngineACR, resp.GetHttpStatus(), env.Code, env.Message, env.RequestID, resp.GetHttpHeaders(), keys)
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

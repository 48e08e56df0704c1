package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"

	awsevents "github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambdacontext"
	"github.com/imagesync/imagesync/functions/app"
)

// EventFunc handles one non-HTTP invocation: it decodes body (an EventBridge
// event, a schedule, any payload App.Event knows) and returns what became
// of it. It returns an error only when the platform should retry.
type EventFunc func(ctx context.Context, body []byte, headers map[string]string) (any, error)

// Handler is the function's one Lambda handler.
type Handler struct {
	http   http.Handler
	events EventFunc
	log    *slog.Logger
}

// New builds the handler over a wired App.
func New(a *app.App) *Handler { return newHandler(a.HTTP, appEvents(a), a.Log) }

func newHandler(h http.Handler, ev EventFunc, log *slog.Logger) *Handler {
	return &Handler{http: h, events: ev, log: log}
}

// Invoke dispatches one invocation on its shape: HTTP requests (Function URL,
// API Gateway HTTP API) to the HTTP API, everything else to the events.
func (h *Handler) Invoke(ctx context.Context, raw json.RawMessage) (any, error) {
	if isHTTP(raw) {
		var e awsevents.APIGatewayV2HTTPRequest
		if err := json.Unmarshal(raw, &e); err != nil {
			return badRequest("malformed HTTP event: " + err.Error()), nil
		}
		return h.serveHTTP(ctx, &e), nil
	}
	out, err := h.events(ctx, raw, nil)
	if err != nil {
		h.log.LogAttrs(ctx, slog.LevelWarn, "event failed; Lambda will retry",
			slog.String("requestId", requestID(ctx)), slog.String("error", err.Error()))
		return nil, err
	}
	h.log.LogAttrs(ctx, slog.LevelInfo, "event", slog.String("requestId", requestID(ctx)), slog.Any("outcome", out))
	return out, nil
}

// isHTTP reports whether raw is an HTTP request in payload format 2.0: the
// shape Function URLs and API Gateway HTTP APIs share.
func isHTTP(raw []byte) bool {
	var probe struct {
		RawPath        *string `json:"rawPath"`
		RequestContext struct {
			HTTP struct {
				Method string `json:"method"`
			} `json:"http"`
		} `json:"requestContext"`
	}
	return json.Unmarshal(raw, &probe) == nil && probe.RawPath != nil && probe.RequestContext.HTTP.Method != ""
}

// requestID is the Lambda request id of the invocation, or "".
func requestID(ctx context.Context) string {
	if lc, ok := lambdacontext.FromContext(ctx); ok {
		return lc.AwsRequestID
	}
	return ""
}

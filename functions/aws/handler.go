package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"

	"github.com/aws/aws-lambda-go/lambdacontext"
	"github.com/imagesync/imagesync/functions/app"
	"github.com/imagesync/imagesync/functions/platform"
)

// Handler is the function's one Lambda handler.
type Handler struct{ dispatch platform.Dispatch }

// New builds the handler over a wired App: events go to App.Event, whose
// error is non-nil only for a transient failure, which Lambda then retries.
func New(a *app.App) *Handler { return newHandler(a.HTTP, platform.AppEvents(a), a.Log) }

func newHandler(h http.Handler, ev platform.EventFunc, log *slog.Logger) *Handler {
	return &Handler{platform.Dispatch{HTTP: serveHTTP(h), Events: ev, Log: log, RequestID: requestID, Retry: "event failed; Lambda will retry"}}
}

// Invoke dispatches one invocation on its shape: HTTP requests (Function URL,
// API Gateway HTTP API) to the HTTP API, everything else to the events.
// It takes a json.RawMessage so that the SDK hands over the payload as is.
func (h *Handler) Invoke(ctx context.Context, raw json.RawMessage) (any, error) {
	return h.dispatch.Invoke(ctx, raw)
}

// requestID is the Lambda request id of the invocation, or "".
func requestID(ctx context.Context) string {
	if lc, ok := lambdacontext.FromContext(ctx); ok {
		return lc.AwsRequestID
	}
	return ""
}

package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"

	fcevents "github.com/aliyun/fc-runtime-go-sdk/events"
	"github.com/aliyun/fc-runtime-go-sdk/fccontext"
	"github.com/imagesync/imagesync/functions/app"
)

// EventFunc handles one non-HTTP invocation (timer, EventBridge, any
// payload App.Event knows) and returns what became of it. It returns an
// error only when the platform should retry.
type EventFunc func(ctx context.Context, body []byte, headers map[string]string) (any, error)

// Handler is the function's one FC handler.
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

// Invoke dispatches one invocation on its shape: HTTP trigger events to the
// HTTP API, everything else to the events.
func (h *Handler) Invoke(ctx context.Context, payload []byte) (any, error) {
	if isHTTP(payload) {
		var e fcevents.HTTPTriggerEvent
		if err := json.Unmarshal(payload, &e); err != nil {
			return badRequest("malformed HTTP trigger event: " + err.Error()), nil
		}
		return h.serveHTTP(ctx, &e), nil
	}
	out, err := h.events(ctx, payload, nil)
	if err != nil {
		h.log.LogAttrs(ctx, slog.LevelWarn, "event failed; FC may retry",
			slog.String("requestId", requestID(ctx)), slog.String("error", err.Error()))
		return nil, err
	}
	h.log.LogAttrs(ctx, slog.LevelInfo, "event", slog.String("requestId", requestID(ctx)), slog.Any("outcome", out))
	return out, nil
}

// isHTTP reports whether payload is an FC 3.0 HTTP trigger event.
func isHTTP(payload []byte) bool {
	var probe struct {
		RawPath        *string `json:"rawPath"`
		RequestContext struct {
			HTTP struct {
				Method string `json:"method"`
			} `json:"http"`
		} `json:"requestContext"`
	}
	return json.Unmarshal(payload, &probe) == nil && probe.RawPath != nil && probe.RequestContext.HTTP.Method != ""
}

// requestID is FC's id of the invocation, or "".
func requestID(ctx context.Context) string {
	if fctx, ok := fccontext.FromContext(ctx); ok {
		return fctx.RequestID
	}
	return ""
}

package main

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/aliyun/fc-runtime-go-sdk/fccontext"
	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/functions/app"
	"github.com/imagesync/imagesync/functions/platform"
)

// Handler is the function's one FC handler.
type Handler struct{ dispatch platform.Dispatch }

// New builds the handler over a wired App: events go to App.Event, whose
// error is non-nil only for a transient failure, which FC then retries.
func New(a *app.App) *Handler { return newHandler(a.HTTP, platform.AppEvents(a), a.Log) }

func newHandler(h http.Handler, ev platform.EventFunc, log *slog.Logger) *Handler {
	return &Handler{platform.Dispatch{HTTP: serveHTTP(h), Events: ev, Log: log, RequestID: requestID, Retry: "event failed; FC may retry"}}
}

// Invoke dispatches one invocation on its shape: HTTP trigger events
// (FC 3.0: rawPath and requestContext.http.method) to the HTTP API,
// everything else to the events.
func (h *Handler) Invoke(ctx context.Context, payload []byte) (any, error) {
	return h.dispatch.Invoke(stsCredentials(ctx), payload)
}

// stsCredentials returns ctx carrying the STS credentials FC passed with
// the invocation (the function's role), for this invocation only: the
// registry engine's ACR EE logins and listings sign with them.
func stsCredentials(ctx context.Context) context.Context {
	fctx, ok := fccontext.FromContext(ctx)
	if !ok {
		return ctx
	}
	c := fctx.Credentials
	return core.WithInvocationCredentials(ctx, core.InvocationCredentials{Cloud: core.CloudAlibaba,
		AccessKeyID: c.AccessKeyId, AccessKeySecret: c.AccessKeySecret, SecurityToken: c.SecurityToken})
}

// requestID is FC's id of the invocation, or "".
func requestID(ctx context.Context) string {
	if fctx, ok := fccontext.FromContext(ctx); ok {
		return fctx.RequestID
	}
	return ""
}

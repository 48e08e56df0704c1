package platform

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"

	"github.com/imagesync/imagesync/functions/app"
)

// EventFunc handles one non-HTTP invocation: it decodes body (a schedule,
// a push, any payload App.Event knows) and returns what became of it. It
// returns an error only when the platform should retry.
type EventFunc func(ctx context.Context, body []byte, headers map[string]string) (any, error)

// AppEvents hands event invocations to App.Event. Its error is non-nil
// only for a transient failure; a poison payload comes back as an Outcome
// saying what was ignored.
func AppEvents(a *app.App) EventFunc {
	return func(ctx context.Context, body []byte, headers map[string]string) (any, error) {
		return a.Event(ctx, body, headers)
	}
}

// Dispatch is the one handler of an event function: it answers HTTP
// payloads with HTTP and hands everything else to Events.
type Dispatch struct {
	HTTP      func(ctx context.Context, payload []byte) any // answers a payload IsHTTP accepts
	Events    EventFunc
	Log       *slog.Logger
	RequestID func(context.Context) string // the platform's id of the invocation, or ""
	Retry     string                       // the warning logged when Events fails, e.g. "event failed; Lambda will retry"
}

// Invoke dispatches one invocation on its shape.
func (d *Dispatch) Invoke(ctx context.Context, payload []byte) (any, error) {
	if IsHTTP(payload) {
		return d.HTTP(ctx, payload), nil
	}
	out, err := d.Events(ctx, payload, nil)
	if err != nil {
		d.Log.LogAttrs(ctx, slog.LevelWarn, d.Retry,
			slog.String("requestId", d.RequestID(ctx)), slog.String("error", err.Error()))
		return nil, err
	}
	d.Log.LogAttrs(ctx, slog.LevelInfo, "event", slog.String("requestId", d.RequestID(ctx)), slog.Any("outcome", out))
	return out, nil
}

// IsHTTP reports whether payload is an HTTP request in payload format 2.0:
// the shape Lambda Function URLs, API Gateway HTTP APIs and FC 3.0 HTTP
// triggers share.
func IsHTTP(payload []byte) bool {
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

// StartupFailed logs, as JSON to w, why the App could not be built.
func StartupFailed(w io.Writer, err error) {
	slog.New(slog.NewJSONHandler(w, nil)).Error("start-up failed", slog.String("error", err.Error()))
}

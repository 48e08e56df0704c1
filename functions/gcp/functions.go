package gcp

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"os"
	"sync"

	cloudevents "github.com/cloudevents/sdk-go/v2"
	"github.com/imagesync/imagesync/functions/app"
	"github.com/imagesync/imagesync/functions/platform"
)

// Functions are the HTTP and CloudEvent functions over one App.
type Functions struct {
	build func() (*app.App, error)
	mu    sync.Mutex
	app   *app.App
}

// New returns the functions; build makes the App on first use and is called
// again after a failure.
func New(build func() (*app.App, error)) *Functions { return &Functions{build: build} }

// FromEnv builds the App from the environment, logging JSON to stderr
// (Cloud Logging parses it).
func FromEnv() (*app.App, error) { return app.New(os.Getenv, os.Stderr) }

func (f *Functions) get() (*app.App, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.app != nil {
		return f.app, nil
	}
	a, err := f.build()
	if err != nil {
		platform.StartupFailed(os.Stderr, err)
		return nil, err
	}
	f.app = a
	return a, nil
}

// HTTP serves the imagesync HTTP API.
func (f *Functions) HTTP(w http.ResponseWriter, r *http.Request) {
	a, err := f.get()
	if err != nil {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(`{"error":{"kind":"unavailable","message":"imagesync failed to start; see the function's logs"}}` + "\n"))
		return
	}
	a.HTTP.ServeHTTP(w, r)
}

// CloudEvent hands one CloudEvent (an Artifact Registry push through
// Pub/Sub, or any event App.Event decodes) to the App.
func (f *Functions) CloudEvent(ctx context.Context, e cloudevents.Event) error {
	a, err := f.get()
	if err != nil {
		return err
	}
	body, err := json.Marshal(e)
	if err != nil { // the SDK decoded it, so it encodes: not worth a retry
		a.Log.Error("event ignored", slog.String("eventId", e.ID()), slog.String("error", err.Error()))
		return nil
	}
	headers := map[string]string{"content-type": "application/cloudevents+json", "ce-id": e.ID(),
		"ce-type": e.Type(), "ce-source": e.Source()}
	out, err := platform.AppEvents(a)(ctx, body, headers)
	attrs := []slog.Attr{slog.String("eventId", e.ID()), slog.String("type", e.Type()), slog.Any("outcome", out)}
	if err != nil {
		a.Log.LogAttrs(ctx, slog.LevelWarn, "event failed; will be retried", append(attrs, slog.String("error", err.Error()))...)
		return err
	}
	a.Log.LogAttrs(ctx, slog.LevelInfo, "event", attrs...)
	return nil
}

package gcp

import (
	"context"
	"errors"

	"github.com/imagesync/imagesync/functions/app"
)

// ErrEventsNotWired is returned for CloudEvents until App.Event exists; it
// is transient on purpose, so that the event is retried.
var ErrEventsNotWired = errors.New("imagesync: event handling is not wired in this build")

// appEvent is the App's event path.
func appEvent(a *app.App) func(ctx context.Context, body []byte, headers map[string]string) (any, error) {
	_ = a
	return func(context.Context, []byte, map[string]string) (any, error) { return nil, ErrEventsNotWired }
}

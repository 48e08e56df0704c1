package gcp

import (
	"context"

	"github.com/imagesync/imagesync/functions/app"
)

// appEvent is App.Event, which decodes any supported push or schedule
// payload; its error is non-nil only for a transient failure.
func appEvent(a *app.App) func(ctx context.Context, body []byte, headers map[string]string) (any, error) {
	return func(ctx context.Context, body []byte, headers map[string]string) (any, error) {
		return a.Event(ctx, body, headers)
	}
}

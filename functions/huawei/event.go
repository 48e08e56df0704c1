package main

import (
	"context"

	"github.com/imagesync/imagesync/functions/app"
)

// appEvents hands event invocations to App.Event, which decodes any
// supported push or schedule payload. Its error is non-nil only for a
// transient failure, which FunctionGraph then retries; a poison payload comes back
// as an Outcome saying what was ignored.
func appEvents(a *app.App) EventFunc {
	return func(ctx context.Context, body []byte, headers map[string]string) (any, error) {
		return a.Event(ctx, body, headers)
	}
}

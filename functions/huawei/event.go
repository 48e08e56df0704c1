package main

import (
	"context"
	"errors"

	"github.com/imagesync/imagesync/functions/app"
)

// ErrEventsNotWired is returned for event invocations until App.Event
// exists; it is transient on purpose, so that the event is retried.
var ErrEventsNotWired = errors.New("imagesync: event handling is not wired in this build")

// appEvents hands event invocations to the App.
func appEvents(a *app.App) EventFunc {
	_ = a
	return func(context.Context, []byte, map[string]string) (any, error) { return nil, ErrEventsNotWired }
}

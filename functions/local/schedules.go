package main

import (
	"context"

	"github.com/imagesync/imagesync/functions/app"
)

// startSchedules runs the jobs' schedules beside the server, under ctx
// (the same signals stop both); stop ends them and waits: scheduled runs
// under way get server.shutdownGrace, as requests in flight do.
func startSchedules(ctx context.Context, a *app.App) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		a.RunSchedules(ctx, a.Config.Server.WithDefaults().ShutdownGrace)
	}()
	return func() { cancel(); <-done }
}

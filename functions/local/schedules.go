package main

import (
	"context"
	"time"

	"github.com/imagesync/imagesync/functions/app"
)

// scheduleGrace is how long scheduled runs under way may go on once serve
// is asked to stop.
const scheduleGrace = 30 * time.Second

// startSchedules runs the jobs' schedules beside the server, under ctx
// (the same signals stop both); stop ends them and waits (scheduled runs
// under way get scheduleGrace).
func startSchedules(ctx context.Context, a *app.App) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		a.RunSchedules(ctx, scheduleGrace)
	}()
	return func() { cancel(); <-done }
}

package app

import (
	"context"
	"time"
)

// Graceful returns a context for work in flight when a process is told to
// stop: it is work, and it also ends grace after stop ends (so the work
// may finish meanwhile, and is cancelled after), or when cancel is called.
// It is how the runtimes' shutdown signals are handled where the platform
// gives one (FunctionGraph's SIGTERM to a custom runtime, FC's PreStop),
// as imagesync serve handles SIGTERM.
func Graceful(work, stop context.Context, grace time.Duration) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(work)
	unhook := context.AfterFunc(stop, func() {
		timer := time.AfterFunc(grace, cancel)
		context.AfterFunc(ctx, func() { timer.Stop() })
	})
	return ctx, func() { unhook(); cancel() }
}

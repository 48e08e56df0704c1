package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// The interrupt path: the first SIGINT (Ctrl-C) or SIGTERM cancels the
// command's context. The syncs under way end CANCELED (a canceled copy
// writes no tag: the manifest is pushed last), those not started are left,
// the command reports what finished, and the process exits 130. A second
// signal ends the process at once, for whoever will not wait for the
// copies to wind down.

// interruption is the cause of the command context's end: the signal.
type interruption struct{ sig os.Signal }

func (i interruption) Error() string { return "interrupted by " + signalName(i.sig) }

func signalName(s os.Signal) string {
	switch s {
	case os.Interrupt:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return s.String()
}

// interruptible returns the command's context and a stop function that
// ends the signal handling. stderr receives the line of a second signal.
func interruptible(stderr io.Writer) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-sigs:
			cancel(interruption{sig: s})
		case <-done:
			return
		}
		select {
		case s := <-sigs:
			fmt.Fprintf(stderr, "imagesync: %s again: exiting without waiting for the copies under way\n", signalName(s))
			os.Exit(exitInterrupted)
		case <-done:
		}
	}()
	return ctx, func() { signal.Stop(sigs); close(done); cancel(nil) }
}

// interruptedExit is the process's exit code: 130 when a signal cut the
// command short (it did not succeed), saying so once more on stderr after
// the command's own report of what finished.
func interruptedExit(ctx context.Context, stderr io.Writer, code int) int {
	var i interruption
	if code == exitOK || code == exitUsage || !errors.As(context.Cause(ctx), &i) {
		return code
	}
	fmt.Fprintf(stderr, "imagesync: %v: what finished is reported above; the copies under way were canceled and tagged nothing\n", i)
	return exitInterrupted
}

// canceled reports whether err is the end of a sync the user gave up
// (Ctrl-C): the command then says so rather than that the sync failed.
func canceled(err error) bool { return errors.Is(err, context.Canceled) }

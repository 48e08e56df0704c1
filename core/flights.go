package core

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"time"
)

// Flights shares work in flight by key: a caller of Do whose key is being
// worked on waits for that work and shares its outcome instead of doing it
// again (duplicate deliveries create no duplicate work; syncs wanting one
// blob write it once). The zero value is ready to use; it is safe for
// concurrent use. The service shares identical syncs with it, the registry
// engine its blob and manifest writes.
//
// Each caller waits under its own context. One whose context ends stops
// waiting at once with its context's error, and the others go on waiting:
// the work does not run under any caller's context but under its own,
// which
//   - carries the values of the caller that started it;
//   - reports as its deadline the latest deadline of those waiting (none
//     when one of them has none), so that the work plans (retries, waits)
//     for the caller who waits longest;
//   - ends once every caller has gone, with the last one's reason
//     (context.DeadlineExceeded or context.Canceled). That last caller
//     waits for the work to wind down and gets its outcome, so that what
//     became of it (a task ended CANCELED) is not lost.
//
// A caller that comes while abandoned work winds down waits for it to end,
// then runs the work anew: there is at most one run per key at a time.
// A panic in the work is raised again in every caller that gets its
// outcome.
type Flights[T any] struct {
	mu sync.Mutex
	m  map[string]*flightRun[T]
}

// flightRun is one run of the work of a key. Fields under Flights.mu,
// except val, err and panicked: written before done closes, read after.
type flightRun[T any] struct {
	done      chan struct{}
	waiters   map[*flightWaiter]struct{}
	abandoned bool      // every caller left: the work's context is ending
	last      time.Time // the deadline reported when waiters were last seen
	lastOK    bool
	cancel    context.CancelCauseFunc

	val      T
	err      error
	panicked *FlightPanic
}

type flightWaiter struct {
	deadline time.Time
	ok       bool
}

// Do returns the outcome of fn for key: of a run under way, or of one it
// starts. fn gets the work's context (see Flights), not ctx.
func (f *Flights[T]) Do(ctx context.Context, key string, fn func(ctx context.Context) (T, error)) (T, error) {
	for {
		run, w := f.join(ctx, key, fn)
		if w == nil { // abandoned work winds down: wait, then run anew
			select {
			case <-run.done:
				continue
			case <-ctx.Done():
				var zero T
				return zero, ctx.Err()
			}
		}
		select {
		case <-run.done:
			return run.outcome()
		case <-ctx.Done():
			if !f.leave(run, w, ctx.Err()) {
				var zero T
				return zero, ctx.Err()
			}
			<-run.done
			return run.outcome()
		}
	}
}

// Waiting is how many callers wait for each run under way, by key: what
// a test synchronises on, rather than sleep until a second caller has
// surely joined.
func (f *Flights[T]) Waiting() map[string]int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := make(map[string]int, len(f.m))
	for key, run := range f.m {
		n[key] = len(run.waiters)
	}
	return n
}

// join adds a waiter to key's run, starting one when there is none; the
// waiter is nil when the run under way was abandoned.
func (f *Flights[T]) join(ctx context.Context, key string, fn func(context.Context) (T, error)) (*flightRun[T], *flightWaiter) {
	w := &flightWaiter{}
	w.deadline, w.ok = ctx.Deadline() // before the lock: ctx may be the work's of another key
	inner, cancel := context.WithCancelCause(context.WithoutCancel(ctx))
	f.mu.Lock()
	defer f.mu.Unlock()
	if run, ok := f.m[key]; ok {
		cancel(nil)
		if run.abandoned {
			return run, nil
		}
		run.waiters[w] = struct{}{}
		return run, w
	}
	if f.m == nil {
		f.m = map[string]*flightRun[T]{}
	}
	run := &flightRun[T]{done: make(chan struct{}), waiters: map[*flightWaiter]struct{}{w: {}}, cancel: cancel}
	f.m[key] = run
	go f.work(key, run, &flightCtx[T]{Context: inner, f: f, run: run}, fn)
	return run, w
}

// leave removes a waiter whose context ended with err; it reports whether
// it was the last, in which case the work's context ends.
func (f *Flights[T]) leave(run *flightRun[T], w *flightWaiter, err error) bool {
	f.mu.Lock()
	run.last, run.lastOK = run.deadlineLocked()
	delete(run.waiters, w)
	last := len(run.waiters) == 0
	run.abandoned = last
	f.mu.Unlock()
	if last {
		run.cancel(err) // outside the lock: the work's context may be asked its deadline meanwhile
	}
	return last
}

func (f *Flights[T]) work(key string, run *flightRun[T], ctx context.Context, fn func(context.Context) (T, error)) {
	defer func() {
		if p := recover(); p != nil {
			run.panicked = &FlightPanic{Value: p, Stack: debug.Stack()}
		}
		f.mu.Lock()
		delete(f.m, key)
		f.mu.Unlock()
		run.cancel(context.Canceled)
		close(run.done)
	}()
	run.val, run.err = fn(ctx)
}

func (run *flightRun[T]) outcome() (T, error) {
	if run.panicked != nil {
		panic(run.panicked)
	}
	return run.val, run.err
}

// deadlineLocked is the latest deadline of the waiters, none when one has
// none; with no waiter left, the last one seen.
func (run *flightRun[T]) deadlineLocked() (time.Time, bool) {
	if len(run.waiters) == 0 {
		return run.last, run.lastOK
	}
	var latest time.Time
	for w := range run.waiters {
		if !w.ok {
			return time.Time{}, false
		}
		if w.deadline.After(latest) {
			latest = w.deadline
		}
	}
	return latest, true
}

// flightCtx is the work's context: a cancellable context detached from
// the first caller (whose values it keeps), with the waiters' deadline.
type flightCtx[T any] struct {
	context.Context
	f   *Flights[T]
	run *flightRun[T]
}

func (c *flightCtx[T]) Deadline() (time.Time, bool) {
	c.f.mu.Lock()
	defer c.f.mu.Unlock()
	return c.run.deadlineLocked()
}

// Err is context.DeadlineExceeded when the last waiter left at its
// deadline, so that the work's failure says it ran out of time.
func (c *flightCtx[T]) Err() error {
	err := c.Context.Err()
	if err != nil && errors.Is(context.Cause(c.Context), context.DeadlineExceeded) {
		return context.DeadlineExceeded
	}
	return err
}

// FlightPanic is what a caller of Flights.Do panics with when the work
// panicked: the value and the work's stack.
type FlightPanic struct {
	Value any
	Stack []byte
}

func (p *FlightPanic) Error() string {
	return fmt.Sprintf("panic in shared work: %v\n\n%s", p.Value, p.Stack)
}

package core_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// result is what one caller of Flights.Do got.
type result struct {
	v   string
	err error
}

// call runs Do in a goroutine and returns where its result arrives.
func call(ctx context.Context, f *core.Flights[string], fn func(context.Context) (string, error)) chan result {
	out := make(chan result, 1)
	go func() {
		v, err := f.Do(ctx, "k", fn)
		out <- result{v, err}
	}()
	return out
}

// gated is work that counts its runs, hands out its context, and ends when
// released (with the release's value) or when its context ends.
type gated struct {
	runs    atomic.Int32
	ctxs    chan context.Context
	release chan result
}

func newGated() *gated {
	return &gated{ctxs: make(chan context.Context, 8), release: make(chan result, 8)}
}

func (g *gated) fn(ctx context.Context) (string, error) {
	g.runs.Add(1)
	g.ctxs <- ctx
	select {
	case r := <-g.release:
		return r.v, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func TestFlightsShareOneRun(t *testing.T) {
	for _, tc := range []struct {
		name string
		end  result
	}{
		{"a success is shared", result{v: "ok"}},
		{"so is a failure", result{err: errors.New("denied")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var f core.Flights[string]
				g := newGated()
				var outs []chan result
				for range 5 {
					outs = append(outs, call(t.Context(), &f, g.fn))
				}
				synctest.Wait()
				g.release <- tc.end
				for _, out := range outs {
					assert.Equal(t, tc.end, <-out)
				}
				assert.EqualValues(t, 1, g.runs.Load())
			})
		})
	}
}

// The caller that started the work is cancelled: it returns at once, the
// work goes on for the other, undisturbed, and is not run twice.
func TestFlightsLeaderCancelledOthersGoOn(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var f core.Flights[string]
		g := newGated()
		leaderCtx, cancelLeader := context.WithCancel(t.Context())
		leader := call(leaderCtx, &f, g.fn)
		synctest.Wait()
		other := call(t.Context(), &f, g.fn)
		synctest.Wait()
		work := <-g.ctxs

		cancelLeader()
		assert.Equal(t, result{err: context.Canceled}, <-leader)
		synctest.Wait()
		require.NoError(t, work.Err(), "someone still waits: the work goes on")

		g.release <- result{v: "copied"}
		assert.Equal(t, result{v: "copied"}, <-other)
		assert.EqualValues(t, 1, g.runs.Load())
	})
}

// A caller waits only as long as its own deadline, whatever the others'.
func TestFlightsEachCallerKeepsItsDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var f core.Flights[string]
		g := newGated()
		long := call(t.Context(), &f, g.fn)
		synctest.Wait()
		ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
		defer cancel()
		start := time.Now()
		short := call(ctx, &f, g.fn)
		assert.Equal(t, result{err: context.DeadlineExceeded}, <-short)
		assert.Equal(t, time.Minute, time.Since(start))

		g.release <- result{v: "copied"}
		assert.Equal(t, result{v: "copied"}, <-long)
	})
}

// The work's deadline is the latest of the waiters'; none while one waits
// without one.
func TestFlightsWorkDeadlineIsTheLatestWaiters(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var f core.Flights[string]
		g := newGated()
		c1, cancel1 := context.WithTimeout(t.Context(), time.Minute)
		defer cancel1()
		first := call(c1, &f, g.fn)
		synctest.Wait()
		work := <-g.ctxs
		dl, ok := work.Deadline()
		require.True(t, ok)
		assert.Equal(t, time.Now().Add(time.Minute), dl)

		c2, cancel2 := context.WithTimeout(t.Context(), time.Hour)
		defer cancel2()
		second := call(c2, &f, g.fn)
		synctest.Wait()
		dl, _ = work.Deadline()
		assert.Equal(t, time.Now().Add(time.Hour), dl)

		third := call(t.Context(), &f, g.fn)
		synctest.Wait()
		_, ok = work.Deadline()
		assert.False(t, ok, "a waiter without a deadline")

		g.release <- result{v: "done"}
		for _, out := range []chan result{first, second, third} {
			assert.Equal(t, "done", (<-out).v)
		}
	})
}

// Once every caller has gone the work's context ends, with the last one's
// reason, and the last one gets what the work made of it.
func TestFlightsWorkEndsWhenEveryCallerHasGone(t *testing.T) {
	for _, tc := range []struct {
		name string
		end  func(cancel context.CancelFunc)
		want error
	}{
		{"cancelled", func(cancel context.CancelFunc) { cancel() }, context.Canceled},
		{"out of time", func(context.CancelFunc) { time.Sleep(2 * time.Hour) }, context.DeadlineExceeded},
	} {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var f core.Flights[string]
				var runs atomic.Int32
				fn := func(ctx context.Context) (string, error) {
					runs.Add(1)
					<-ctx.Done()
					return "wound down", ctx.Err()
				}
				ctx1, cancel1 := context.WithTimeout(t.Context(), time.Minute)
				ctx2, cancel2 := context.WithTimeout(t.Context(), time.Hour)
				defer cancel1()
				defer cancel2()
				first, second := call(ctx1, &f, fn), call(ctx2, &f, fn)
				synctest.Wait()
				cancel1()
				assert.Equal(t, result{err: context.Canceled}, <-first)
				tc.end(cancel2)
				assert.Equal(t, result{"wound down", tc.want}, <-second)
				assert.EqualValues(t, 1, runs.Load())
			})
		})
	}
}

// A caller that comes while abandoned work winds down waits for it, then
// runs the work anew under its own context.
func TestFlightsAbandonedWorkIsRunAnew(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var f core.Flights[string]
		unwind := make(chan struct{})
		var runs atomic.Int32
		fn := func(ctx context.Context) (string, error) {
			if runs.Add(1) == 1 {
				<-ctx.Done()
				<-unwind
				return "", ctx.Err()
			}
			return "second run", nil
		}
		ctx, cancel := context.WithCancel(t.Context())
		first := call(ctx, &f, fn)
		synctest.Wait()
		cancel()
		synctest.Wait() // the first caller waits for the work to wind down
		late := call(t.Context(), &f, fn)
		synctest.Wait()
		assert.EqualValues(t, 1, runs.Load(), "one run per key at a time")
		close(unwind)
		assert.Equal(t, result{err: context.Canceled}, <-first)
		assert.Equal(t, result{v: "second run"}, <-late)
		assert.EqualValues(t, 2, runs.Load())
	})
}

type ctxKey struct{}

// The work sees the values of the caller that started it.
func TestFlightsWorkKeepsTheCallersValues(t *testing.T) {
	var f core.Flights[string]
	ctx := context.WithValue(t.Context(), ctxKey{}, "request-1")
	v, err := f.Do(ctx, "k", func(ctx context.Context) (string, error) { return ctx.Value(ctxKey{}).(string), nil })
	require.NoError(t, err)
	assert.Equal(t, "request-1", v)
}

// A panic in the work reaches its callers, with the work's stack.
func TestFlightsPanicReachesTheCaller(t *testing.T) {
	var f core.Flights[string]
	defer func() {
		p, ok := recover().(*core.FlightPanic)
		require.True(t, ok)
		assert.Equal(t, "boom", p.Value)
		assert.Contains(t, p.Error(), "flights_test.go")
	}()
	_, _ = f.Do(t.Context(), "k", func(context.Context) (string, error) { panic("boom") })
	t.Fatal("no panic")
}

// Waiting counts the callers of each run under way, the one that started
// it included.
func TestFlightsWaiting(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var f core.Flights[int]
		release := make(chan struct{})
		for range 2 {
			go func() {
				_, _ = f.Do(context.Background(), "k", func(context.Context) (int, error) { <-release; return 1, nil })
			}()
		}
		synctest.Wait()
		assert.Equal(t, map[string]int{"k": 2}, f.Waiting())
		close(release)
		synctest.Wait()
		assert.Empty(t, f.Waiting())
	})
}

package retry

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"
)

// DefaultMaxWait is the longest Retry-After waited out unless the engine
// is told otherwise: a provider asking for more (Docker Hub's pull quota
// resets in hours) fails at once, throttled, with its wait in the error.
const DefaultMaxWait = 2 * time.Minute

// Policy is the retry policy: full-jitter exponential backoff bounded by
// Attempts, with Retry-After honoured up to MaxWait.
type Policy struct {
	Attempts int           // tries in all, the first included (1 = no retry)
	Base     time.Duration // cap of the first drawn wait; it doubles per try
	Max      time.Duration // cap of any drawn wait (a Retry-After may ask for more)
	MaxWait  time.Duration // longest Retry-After waited out (0: none)
}

// Try is the try that just failed.
type Try struct {
	N    int           // tries done, this one included (≥ 1)
	Hint time.Duration // how long the provider asked to wait (0: it did not)
	Err  error         // the failure
	// Window, when over 0, allows tries past Attempts for that long yet
	// (the registry engine's outage window left); the drawn wait is capped
	// at it, so that the last try comes at its end, not after it.
	Window time.Duration
}

// GiveUpError says why retrying stopped: the tries ran out, the provider
// asked to wait longer than MaxWait, the next wait would outlive the
// context deadline, or the context ended. It wraps the last failure.
type GiveUpError struct {
	Tries  int
	Reason string
	Err    error
}

func (e *GiveUpError) Error() string {
	return fmt.Sprintf("gave up after %d tries (%s): %v", e.Tries, e.Reason, e.Err)
}

func (e *GiveUpError) Unwrap() error { return e.Err }

// Jitter draws the wait before try n+1 (n ≥ 1 tries done): uniform in
// [0, min(Max, Base·2^(n-1))].
func (p Policy) Jitter(n int) time.Duration {
	ceil := p.Base << min(max(n-1, 0), 30)
	if ceil <= 0 || ceil > p.Max {
		ceil = p.Max
	}
	if ceil <= 0 {
		return 0
	}
	return time.Duration(rand.Int64N(int64(ceil) + 1))
}

// Delay is how long to wait before the next try, or a *GiveUpError when
// there is to be none: the tries are spent (and no Window is left), the
// hint is over MaxWait, or the wait would outlive ctx's deadline.
func (p Policy) Delay(ctx context.Context, t Try) (time.Duration, error) {
	if t.N >= p.Attempts && t.Window <= 0 {
		return 0, &GiveUpError{Tries: t.N, Reason: "no tries left", Err: t.Err}
	}
	if t.Hint > p.MaxWait {
		return 0, &GiveUpError{Tries: t.N, Err: t.Err, Reason: fmt.Sprintf("the server asks to wait %s, over the max wait of %s",
			Round(t.Hint), p.MaxWait)}
	}
	d := p.Jitter(t.N)
	if t.Window > 0 {
		d = min(d, t.Window)
	}
	d = max(d, t.Hint)
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < d {
		return 0, &GiveUpError{Tries: t.N, Err: t.Err, Reason: fmt.Sprintf("the next wait of %s would outlive the deadline in %s",
			d.Round(time.Millisecond), time.Until(dl).Round(time.Millisecond))}
	}
	return d, nil
}

// Wait sleeps for Delay, or returns its *GiveUpError; a context done
// during the sleep gives up too.
func (p Policy) Wait(ctx context.Context, t Try) error {
	d, err := p.Delay(ctx, t)
	if err != nil {
		return err
	}
	return Sleep(ctx, d, t)
}

// Sleep waits d, or gives up when ctx ends first.
func Sleep(ctx context.Context, d time.Duration, t Try) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return &GiveUpError{Tries: t.N, Reason: "context done", Err: errors.Join(t.Err, ctx.Err())}
	case <-timer.C:
		return nil
	}
}

// Round rounds a wait for a message: to the second, or the millisecond
// under a second.
func Round(d time.Duration) time.Duration {
	if d < time.Second {
		return d.Round(time.Millisecond)
	}
	return d.Round(time.Second)
}

package retry

import (
	"context"
	"time"
)

// Call describes how one provider's calls are retried by Do.
type Call struct {
	// Retryable says whether a failure is worth another try.
	Retryable func(error) bool
	// Hint is how long the failure asks to wait (nil: never asks).
	Hint func(error) time.Duration
	// OnWait, when set, is told of each wait before it starts (to log it).
	OnWait func(n int, wait time.Duration, err error)
}

// Do runs fn until it succeeds, fails with an error c.Retryable refuses,
// or the policy gives up. It returns fn's last error as it is (not a
// GiveUpError), so that the provider's error kinds and Retry-After reach
// the caller unchanged.
func (p Policy) Do(ctx context.Context, c Call, fn func() error) error {
	for n := 1; ; n++ {
		err := fn()
		if err == nil || !c.Retryable(err) || ctx.Err() != nil {
			return err
		}
		t := Try{N: n, Err: err}
		if c.Hint != nil {
			t.Hint = c.Hint(err)
		}
		d, gerr := p.Delay(ctx, t)
		if gerr != nil {
			return err
		}
		if c.OnWait != nil {
			c.OnWait(n, d, err)
		}
		if Sleep(ctx, d, t) != nil {
			return err
		}
	}
}

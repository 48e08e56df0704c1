package acr

import (
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/imagesync/imagesync/core"
)

// maxRetryAfter caps how long a Retry-After may make us wait when the
// context has no deadline.
const maxRetryAfter = time.Minute

// retry runs fn until it succeeds, fails for good, or Config.MaxAttempts
// attempts are spent. Throttled and unavailable errors are retried after a
// full-jitter backoff (or the Retry-After asked for, if longer); it gives
// up at once when the wait would pass the context's deadline.
func (e *Engine) retry(ctx context.Context, op string, fn func() error) error {
	for attempt := 1; ; attempt++ {
		err := fn()
		if err == nil || !retryable(err) || attempt >= e.cfg.MaxAttempts || ctx.Err() != nil {
			return err
		}
		wait := e.backoff(attempt, core.RetryAfter(err))
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			return err
		}
		e.log.LogAttrs(ctx, slog.LevelDebug, "acr retry", slog.String("op", op), slog.Int("attempt", attempt),
			slog.Duration("wait", wait), slog.String("error", err.Error()))
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
	}
}

func retryable(err error) bool {
	return errors.Is(err, core.ErrThrottled) || errors.Is(err, core.ErrUnavailable)
}

// backoff is a full-jitter wait before attempt+1: uniform in
// [0, min(RetryMax, RetryBase·2^(attempt-1))], or the server's Retry-After.
func (e *Engine) backoff(attempt int, after time.Duration) time.Duration {
	ceil := e.cfg.RetryMax
	if shift := attempt - 1; shift < 30 && e.cfg.RetryBase<<shift < ceil {
		ceil = e.cfg.RetryBase << shift
	}
	wait := time.Duration(rand.Int64N(int64(ceil) + 1))
	return max(wait, min(after, maxRetryAfter))
}

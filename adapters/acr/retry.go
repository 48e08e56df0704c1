package acr

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/imagesync/imagesync/adapters/internal/retry"
	"github.com/imagesync/imagesync/core"
)

// retry runs fn under imagesync's one retry policy (adapters/internal/retry)
// with Config's MaxAttempts, RetryBase and RetryMax: throttled and
// unavailable errors are tried again after a full-jitter wait, or the
// Retry-After asked for when longer, up to retry.DefaultMaxWait; a longer
// ask, or a wait past the context's deadline, returns the error at once.
func (e *Engine) retry(ctx context.Context, op string, fn func() error) error {
	return e.policy().Do(ctx, retry.Call{
		Retryable: retryable,
		Hint:      core.RetryAfter,
		OnWait: func(n int, wait time.Duration, err error) {
			e.log.LogAttrs(ctx, slog.LevelDebug, "acr retry", slog.String("op", op), slog.Int("attempt", n),
				slog.Duration("wait", wait), slog.String("error", err.Error()))
		},
	}, fn)
}

// policy is the engine's terms of the one retry policy.
func (e *Engine) policy() retry.Policy {
	return retry.Policy{Attempts: e.cfg.MaxAttempts, Base: e.cfg.RetryBase, Max: e.cfg.RetryMax, MaxWait: retry.DefaultMaxWait}
}

func retryable(err error) bool {
	return errors.Is(err, core.ErrThrottled) || errors.Is(err, core.ErrUnavailable)
}

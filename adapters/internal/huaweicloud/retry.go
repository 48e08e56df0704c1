package huaweicloud

import (
	"context"
	"log/slog"
	"time"

	"github.com/imagesync/imagesync/adapters/huawei"
	"github.com/imagesync/imagesync/adapters/internal/retry"
	"github.com/imagesync/imagesync/core"
)

// policy is b as the one retry policy (adapters/internal/retry).
func policy(b huawei.Backoff) retry.Policy {
	return retry.Policy{Attempts: b.Attempts, Base: b.Base, Max: b.Max, MaxWait: retry.DefaultMaxWait}
}

// Retry runs fn until it succeeds, fails for good, runs out of attempts, or
// the next wait would pass ctx's deadline or the policy's max wait. Only
// throttled and unavailable errors are retried; this is the only retry
// layer.
func (c *Client) Retry(ctx context.Context, op string, fn func() error) error {
	return policy(c.backoff).Do(ctx, retry.Call{
		Retryable: func(err error) bool { return core.IsKind(err, core.ErrThrottled, core.ErrUnavailable) },
		Hint:      core.RetryAfter,
		OnWait: func(n int, d time.Duration, err error) {
			c.log.LogAttrs(ctx, slog.LevelInfo, c.svc.Name+" retry", slog.String("op", op),
				slog.Int("attempt", n), slog.Duration("wait", d), slog.String("error", err.Error()))
		},
	}, fn)
}

func attrsOf(op, region string, start, end time.Time, err error) []slog.Attr {
	attrs := []slog.Attr{slog.String("op", op), slog.String("region", region), slog.Duration("took", end.Sub(start))}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	return attrs
}

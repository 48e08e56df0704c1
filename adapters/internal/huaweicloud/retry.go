package huaweicloud

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/imagesync/imagesync/core"
)

// Backoff is full-jitter exponential backoff: attempt n waits a random time
// in [0, min(Max, Base*2^(n-1))], or longer when the provider asked.
// Attempts bounds the calls of one operation.
type Backoff struct {
	Base, Max time.Duration
	Attempts  int
}

func (b Backoff) delay(attempt int) time.Duration {
	ceil := b.Base << (attempt - 1)
	if ceil > b.Max || ceil <= 0 {
		ceil = b.Max
	}
	if ceil <= 0 {
		return 0
	}
	return time.Duration(rand.Int64N(int64(ceil) + 1))
}

// Retry runs fn until it succeeds, fails for good, runs out of attempts, or
// the next wait would pass ctx's deadline. Only throttled and unavailable
// errors are retried; this is the only retry layer.
func (c *Client) Retry(ctx context.Context, op string, fn func() error) error {
	for attempt := 1; ; attempt++ {
		err := fn()
		if err == nil || !core.IsKind(err, core.ErrThrottled, core.ErrUnavailable) ||
			attempt >= c.backoff.Attempts || ctx.Err() != nil {
			return err
		}
		d := c.backoff.delay(attempt)
		if ra := core.RetryAfter(err); ra > d {
			d = ra
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) <= d {
			return err
		}
		c.log.LogAttrs(ctx, slog.LevelInfo, c.svc.Name+" retry", slog.String("op", op),
			slog.Int("attempt", attempt), slog.Duration("wait", d), slog.String("error", err.Error()))
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
	}
}

func attrsOf(op, region string, start, end time.Time, err error) []slog.Attr {
	attrs := []slog.Attr{slog.String("op", op), slog.String("region", region), slog.Duration("took", end.Sub(start))}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	return attrs
}

package hss

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/imagesync/imagesync/core"
)

// backoff is full-jitter exponential backoff: attempt n waits a random time
// in [0, min(max, base*2^(n-1))], or longer when the provider asked.
type backoff struct {
	base, max time.Duration
	attempts  int
}

func (b backoff) delay(attempt int) time.Duration {
	ceil := b.base << (attempt - 1)
	if ceil > b.max || ceil <= 0 {
		ceil = b.max
	}
	if ceil <= 0 {
		return 0
	}
	return time.Duration(rand.Int64N(int64(ceil) + 1))
}

// retry runs fn until it succeeds, fails for good, runs out of attempts, or
// the next wait would pass ctx's deadline. Only throttled and unavailable
// errors are retried; this is the only retry layer.
func (e *Engine) retry(ctx context.Context, op string, fn func() error) error {
	for attempt := 1; ; attempt++ {
		err := fn()
		if err == nil || !core.IsKind(err, core.ErrThrottled, core.ErrUnavailable) ||
			attempt >= e.backoff.attempts || ctx.Err() != nil {
			return err
		}
		d := e.backoff.delay(attempt)
		if ra := core.RetryAfter(err); ra > d {
			d = ra
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) <= d {
			return err
		}
		e.log.LogAttrs(ctx, slog.LevelInfo, "hss retry", slog.String("op", op),
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

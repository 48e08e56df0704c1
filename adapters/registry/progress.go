package registry

import (
	"context"
	"log/slog"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// Progress is a running copy's state, as given to a progress hook.
type Progress struct {
	Source, Target, Digest string
	Done                   int64         // bytes streamed so far, broken tries included
	Total                  int64         // bytes of the blobs found missing so far (grows as the tree is walked)
	Elapsed                time.Duration // since the copy of blobs began
	Final                  bool          // the last call of this copy: it finished or failed
}

// Rate is the mean rate in bytes per second.
func (p Progress) Rate() float64 {
	if p.Elapsed <= 0 {
		return 0
	}
	return float64(p.Done) / p.Elapsed.Seconds()
}

type progressKey struct{}

type progressHook struct {
	every time.Duration
	f     func(Progress)
}

// WithProgressHook returns a context under which the engine's copies call f
// every interval while they move blobs, and once more when they end (Final).
// Calls come from one goroutine per copy; no-op and dry syncs make none.
// It is how a caller (the CLI's progress bar) follows one request without
// configuring the engine.
func WithProgressHook(ctx context.Context, every time.Duration, f func(Progress)) context.Context {
	if every <= 0 || f == nil {
		return ctx
	}
	return context.WithValue(ctx, progressKey{}, progressHook{every: every, f: f})
}

// watch logs a progress line every e.every, and calls the context's
// progress hook at its own interval, until stop is called: bytes streamed
// so far, bytes of the blobs found missing so far (the total grows as the
// tree is walked), and the mean rate. It names the references and the
// digest, never a credential. A dry run reports nothing.
func (e *Engine) watch(ctx context.Context, cp *copier, src, dst name.Reference, digest v1.Hash, start time.Time) (stop func()) {
	hook, _ := ctx.Value(progressKey{}).(progressHook)
	if cp.dry || (e.every <= 0 && hook.f == nil) {
		return func() {}
	}
	state := func(now time.Time, final bool) Progress {
		return Progress{Source: src.String(), Target: dst.String(), Digest: digest.String(),
			Done: cp.moved.Load(), Total: cp.total.Load(), Elapsed: now.Sub(start), Final: final}
	}
	logs, calls := ticker(e.every), ticker(hook.every)
	done, exited := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(exited)
		defer logs.Stop()
		defer calls.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case now := <-calls.C:
				hook.f(state(now, false))
			case now := <-logs.C:
				p := state(now, false)
				e.log.LogAttrs(ctx, slog.LevelInfo, "copying", slog.String("source", p.Source),
					slog.String("target", p.Target), slog.String("digest", p.Digest),
					slog.Int64("bytesDone", p.Done), slog.Int64("bytesTotal", p.Total),
					slog.Int64("bytesPerSecond", int64(p.Rate())),
					slog.Duration("elapsed", p.Elapsed.Round(time.Millisecond)))
			}
		}
	}()
	return func() {
		close(done)
		<-exited
		if hook.f != nil {
			hook.f(state(time.Now(), true))
		}
	}
}

// ticker ticks every d, or never when d ≤ 0 (a stopped ticker).
func ticker(d time.Duration) *time.Ticker {
	if d <= 0 {
		t := time.NewTicker(time.Hour)
		t.Stop()
		return t
	}
	return time.NewTicker(d)
}

package httpapi

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/imagesync/imagesync/core"
)

// Limits bound the requests one process serves.
type Limits struct {
	// RequestTimeout is each request's deadline (0: none of its own); a
	// platform's sooner deadline wins. Trigger runs stop starting syncs
	// near it and report what is left.
	RequestTimeout time.Duration
	// Concurrent caps the mutating calls (syncs, events, ticks) in flight;
	// one more is answered 429 with Retry-After (0: no cap).
	Concurrent int
	// BodyTimeout is how long an admitted request's body may take to
	// arrive, from when its headers were read (0: no limit of its own).
	// Off a net/http server (Lambda, FC) the body is in memory already.
	BodyTimeout time.Duration
}

// limiter holds the slots of Limits.Concurrent.
type limiter struct{ slots chan struct{} }

func newLimiter(n int) *limiter {
	if n <= 0 {
		return nil
	}
	return &limiter{slots: make(chan struct{}, n)}
}

// acquire takes a slot, or returns an ErrThrottled without waiting.
func (l *limiter) acquire() (release func(), err error) {
	if l == nil {
		return func() {}, nil
	}
	select {
	case l.slots <- struct{}{}:
		return func() { <-l.slots }, nil
	default:
		return nil, &core.ProviderError{Kind: core.ErrThrottled, Provider: "imagesync", RetryAfter: time.Second,
			Message: strconv.Itoa(cap(l.slots)) + " calls are in flight in this process (limits.concurrentSyncs): retry later"}
	}
}

// deadline gives the request its own deadline when one is configured.
func (l Limits) deadline(ctx context.Context) (context.Context, context.CancelFunc) {
	if l.RequestTimeout <= 0 {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, l.RequestTimeout)
}

func mutating(r *http.Request) bool {
	return r.Method != http.MethodGet && r.Method != http.MethodHead && r.Method != http.MethodOptions
}

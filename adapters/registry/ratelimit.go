package registry

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/imagesync/imagesync/adapters/internal/retry"
	"github.com/imagesync/imagesync/core"
)

// rateLimit is what a registry said of its pull quota on its last manifest
// answer. Docker Hub sends "ratelimit-remaining: 76;w=21600" on GETs and
// on HEADs, which cost no pull; any registry sending the field is heeded.
type rateLimit struct {
	mu        sync.Mutex
	known     bool
	remaining int
	resetAt   time.Time     // when the quota resets, if the registry said (ratelimit-reset, Retry-After)
	maxWait   time.Duration // longest wait for a reset (the engine's WithMaxWait, set by clients.repo; 0: none)
}

// observe records the quota fields of a manifest answer, if any.
func (r *rateLimit) observe(h http.Header) {
	n, ok := rateField(h.Get("Ratelimit-Remaining"))
	if r == nil || !ok {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.known, r.remaining, r.resetAt = true, n, time.Time{}
	if d := retryAfterHeader(h); d > 0 {
		r.resetAt = time.Now().Add(d)
	}
}

// short reports, under the lock, whether the quota is known to fall short
// of need: it allows everything while it knows nothing, and once the
// announced reset has passed.
func (r *rateLimit) short(need int) bool {
	return r.known && r.remaining < need && (r.resetAt.IsZero() || time.Now().Before(r.resetAt))
}

// wait lets work that needs need manifest GETs start when the quota
// allows them. When it falls short and the registry said when the quota
// resets, and the reset comes within the longest wait and before ctx's
// deadline, it sleeps until then and lets the work start; the quota is
// then unknown until the next manifest answer. Otherwise it refuses,
// throttled, saying why it did not wait.
func (r *rateLimit) wait(ctx context.Context, what string, need int) error {
	if r == nil {
		return nil
	}
	r.mu.Lock()
	if !r.short(need) {
		r.mu.Unlock()
		return nil
	}
	until := time.Until(r.resetAt)
	var why string
	switch dl, ok := ctx.Deadline(); {
	case r.resetAt.IsZero():
		why = "not waiting: the registry did not say when the quota resets"
	case until > r.maxWait:
		why = fmt.Sprintf("not waiting for the reset: it is over the max wait of %s", r.maxWait)
	case ok && time.Until(dl) < until:
		why = fmt.Sprintf("not waiting for the reset: it comes after the deadline in %s", retry.Round(time.Until(dl)))
	}
	if why != "" {
		err := r.refusal(what, need, why)
		r.mu.Unlock()
		return err
	}
	r.mu.Unlock()
	t := time.NewTimer(until)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return fmt.Errorf("%s: waiting %s for the pull quota to reset: %w: %w", what, retry.Round(until), core.ErrUnavailable, ctx.Err())
	case <-t.C:
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.known = false
	return nil
}

// refusal is the throttled error of a quota that falls short, under the
// lock; why says why the engine does not wait for the reset.
func (r *rateLimit) refusal(what string, need int, why string) error {
	msg := fmt.Sprintf("%s: the registry allows %d more manifest pulls (ratelimit-remaining) and the copy needs %d; not starting it, to spare the quota", what, r.remaining, need)
	var reset time.Duration
	if !r.resetAt.IsZero() {
		reset = (time.Until(r.resetAt) + time.Second - 1).Truncate(time.Second) // rounded up: no retry before the reset
		msg += fmt.Sprintf("; the quota resets in %s", reset)
	}
	if why != "" {
		msg += "; " + why
	}
	return &core.ProviderError{Kind: core.ErrThrottled, Provider: "registry", Code: "TOOMANYREQUESTS",
		Message: msg, RetryAfter: reset}
}

// rateField reads the integer before any ";" parameters ("76;w=21600").
func rateField(s string) (int, bool) {
	s, _, _ = strings.Cut(s, ";")
	n, err := strconv.Atoi(strings.TrimSpace(s))
	return n, err == nil && n >= 0
}

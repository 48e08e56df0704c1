package registry

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"syscall"
	"time"

	"github.com/imagesync/imagesync/adapters/internal/retry"
)

// Retry sets the engine's terms of imagesync's one retry policy
// (adapters/internal/retry): full-jitter exponential backoff that honours
// Retry-After (up to the engine's longest wait, WithMaxWait) and the
// context deadline, plus the engine's own Outage window. The zero value is
// not useful; DefaultRetry is the default.
type Retry struct {
	Attempts int           // tries in all, the first included (1 = no retry)
	Base     time.Duration // cap of the first wait; it doubles per try
	Max      time.Duration // cap of any computed wait (Retry-After may ask for more)
	// Outage is how long a registry that cannot be reached (connection
	// refused or reset, a DNS or connect timeout, 502, 503, 504) is tried
	// again after Attempts are spent, so that a sync outlives a restart;
	// always within the context deadline (0: Attempts only).
	Outage time.Duration

	maxWait time.Duration // longest Retry-After waited out (WithMaxWait; kept by WithRetry)
}

// DefaultRetry: 5 tries, waits drawn from [0, 250ms·2^n) capped at 15 s,
// Retry-After waited out up to DefaultMaxWait; a registry out of reach is
// tried for 30 s at least.
var DefaultRetry = Retry{Attempts: 5, Base: 250 * time.Millisecond, Max: 15 * time.Second, Outage: 30 * time.Second,
	maxWait: DefaultMaxWait}

// GiveUpError says why retrying stopped: the tries ran out, the registry
// asked to wait longer than the engine's longest wait, or the next wait
// would outlive the context deadline. It wraps the last failure: a 429
// given up on is classified ErrThrottled with the registry's wait as
// RetryAfter. It is the one retry policy's (adapters/internal/retry).
type GiveUpError = retry.GiveUpError

// DefaultMaxWait is the engine's default longest wait (WithMaxWait) for a
// Retry-After or a pull quota's reset, the one retry policy's default for
// every engine; a registry that asks for more (Docker Hub's pull quota
// resets in hours) fails at once, throttled, with the wait it asked for in
// the error.
const DefaultMaxWait = retry.DefaultMaxWait

// policy is r as the one retry policy.
func (r Retry) policy() retry.Policy {
	return retry.Policy{Attempts: r.Attempts, Base: r.Base, Max: r.Max, MaxWait: r.maxWait}
}

// wait sleeps before try number n+1 (n ≥ 1 tries done). hint is the
// server's Retry-After, a floor on the wait. It returns a *GiveUpError
// instead of sleeping when the tries are spent, the hint is over the
// longest wait (r.maxWait; 0 waits out no hint) or the deadline is too
// near.
func (r Retry) wait(ctx context.Context, n int, hint time.Duration, last error) error {
	return r.waitOut(ctx, n, hint, last, time.Time{})
}

// waitOut is wait for a registry out of reach since since (zero: not
// out of reach): past the Attempts, it goes on trying until r.Outage
// after since.
func (r Retry) waitOut(ctx context.Context, n int, hint time.Duration, last error, since time.Time) error {
	t := retry.Try{N: n, Hint: hint, Err: last}
	if n >= r.Attempts && !since.IsZero() && r.Outage > 0 {
		if t.Window = r.Outage - time.Since(since); t.Window <= 0 {
			return &GiveUpError{Tries: n, Err: last, Reason: fmt.Sprintf("out of reach for %s", retry.Round(time.Since(since)))}
		}
	}
	return r.policy().Wait(ctx, t)
}

// retryableStatus reports whether an HTTP status is worth another try.
func retryableStatus(code int) bool {
	return code == http.StatusRequestTimeout || code == http.StatusTooManyRequests ||
		(code >= 500 && code != http.StatusNotImplemented && code != http.StatusHTTPVersionNotSupported)
}

// retryableErr reports whether a transport or stream error is transient:
// refused connections, resets, broken pipes, early EOFs, timeouts and
// temporary DNS failures, but not a canceled context.
func retryableErr(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var ne net.Error
	return outage(err) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		errors.Is(err, syscall.EPIPE) || errors.Is(err, errTruncated) || (errors.As(err, &ne) && ne.Timeout())
}

// outage reports whether err says the registry cannot be reached at all
// for now: a refused, reset or aborted connection, a connect timeout, a
// DNS server that timed out or failed (not a name that does not exist).
// A restarting registry fails so; a wrong one rather fails otherwise.
func outage(err error) bool {
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return (dns.IsTimeout || dns.IsTemporary) && !dns.IsNotFound
	}
	var op *net.OpError
	return errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.ECONNABORTED) || (errors.As(err, &op) && op.Op == "dial" && op.Timeout())
}

// outageStatus reports whether an answer comes from a proxy in front of a
// registry that is down or restarting.
func outageStatus(code int) bool {
	return code == http.StatusBadGateway || code == http.StatusServiceUnavailable || code == http.StatusGatewayTimeout
}

var errTruncated = errors.New("body shorter than announced")

// retryAfterHeader is how long the registry asks to wait: Retry-After
// (seconds or an HTTP date), else ratelimit-reset (seconds, Docker Hub and
// the IETF RateLimit fields); capped at a day, 0 when absent or unreadable.
func retryAfterHeader(h http.Header) time.Duration {
	var d time.Duration
	if s := h.Get("Retry-After"); s != "" {
		if n, err := strconv.Atoi(s); err == nil {
			d = time.Duration(n) * time.Second
		} else if t, err := http.ParseTime(s); err == nil {
			d = time.Until(t)
		}
	} else if n, ok := rateField(h.Get("Ratelimit-Reset")); ok {
		d = time.Duration(n) * time.Second
	}
	return min(max(d, 0), 24*time.Hour)
}

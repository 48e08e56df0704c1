package registry

import (
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"

	"github.com/imagesync/imagesync/core"
)

// Option configures an Engine. An option given a value it cannot use
// returns an error, and New fails with it (ErrInvalid, naming the option)
// instead of ignoring the value or failing later.
type Option func(*Engine) error

// invalidOption is the error of an option given a value it cannot use.
func invalidOption(option, format string, args ...any) error {
	return core.Errorf(core.ErrInvalid, "registry: %s: %s", option, fmt.Sprintf(format, args...))
}

// WithKeychain resolves credentials per registry (default
// authn.DefaultKeychain: docker config.json and credential helpers).
// Combine keychains with authn.NewMultiKeychain. nil is refused.
func WithKeychain(k authn.Keychain) Option {
	return func(e *Engine) error {
		if k == nil {
			return invalidOption("WithKeychain", "nil keychain")
		}
		e.keychain = k
		return nil
	}
}

// WithTransport sets the HTTP transport under the engine's retry layer
// (default: a pooled transport sized for the jobs, with 32 KiB read
// buffers). nil is refused.
func WithTransport(t http.RoundTripper) Option {
	return func(e *Engine) error {
		if t == nil {
			return invalidOption("WithTransport", "nil transport")
		}
		e.transport = t
		return nil
	}
}

// DefaultJobs is how many blobs stream at once unless WithJobs says
// otherwise: 16, so that an image of many small layers behind a long round
// trip keeps the link busy (a far 2 × 12 × 2 MiB copy: 0.89 s at 8 jobs,
// 0.82 s at 16, against crane's 1.2 s at its 4). Streams buffer no more
// than their connections' 32 KiB; ranges' chunks have their own bound
// (Ranges.Places).
const DefaultJobs = 16

// WithJobs sets how many blobs stream at once (default DefaultJobs),
// counted across every sync the engine runs, so that syncing many tags at
// a time does not multiply the streams; a blob's slot is freed once its
// bytes are sent. Less than 1 is refused.
func WithJobs(n int) Option {
	return func(e *Engine) error {
		if n < 1 {
			return invalidOption("WithJobs", "needs at least 1 job, got %d", n)
		}
		e.jobs = n
		return nil
	}
}

// WithRetry sets the retry policy (default DefaultRetry): attempts ≥ 1 and
// 0 < base ≤ max, else it is refused. It keeps the engine's longest wait
// (WithMaxWait), whichever option comes first.
func WithRetry(r Retry) Option {
	return func(e *Engine) error {
		if r.Attempts < 1 || r.Base <= 0 || r.Max < r.Base || r.Outage < 0 {
			return invalidOption("WithRetry", "needs attempts ≥ 1, 0 < base ≤ max and outage ≥ 0, got %+v", r)
		}
		r.maxWait = e.retry.maxWait
		e.retry = r
		return nil
	}
}

// WithMaxWait sets the longest single wait the engine accepts (default
// DefaultMaxWait, 2 minutes): for a Retry-After (429, 503) and for a pull
// quota's reset (ratelimit-reset, when ratelimit-remaining is below what a
// copy needs). A longer ask, or one that would outlive the context
// deadline, fails at once as ErrThrottled with the registry's wait as
// RetryAfter. 0 waits out no Retry-After and no quota reset; less than 0
// is refused.
func WithMaxWait(d time.Duration) Option {
	return func(e *Engine) error {
		if d < 0 {
			return invalidOption("WithMaxWait", "negative wait %s", d)
		}
		e.retry.maxWait = d
		return nil
	}
}

// WithResolver lets the engine copy to and from cloud coordinates
// (default: none; such endpoints are refused as invalid). nil is refused.
func WithResolver(r Resolver) Option {
	return func(e *Engine) error {
		if r == nil {
			return invalidOption("WithResolver", "nil resolver")
		}
		e.resolver = r
		return nil
	}
}

// WithLogger logs copies (default: nothing). nil is refused.
func WithLogger(l *slog.Logger) Option {
	return func(e *Engine) error {
		if l == nil {
			return invalidOption("WithLogger", "nil logger")
		}
		e.log = l
		return nil
	}
}

// WithUserAgent sets the User-Agent sent to registries (default
// "imagesync"). "" is refused.
func WithUserAgent(ua string) Option {
	return func(e *Engine) error {
		if ua == "" {
			return invalidOption("WithUserAgent", "empty user agent")
		}
		e.userAgent = ua
		return nil
	}
}

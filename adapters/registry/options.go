package registry

import (
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
)

// Option configures an Engine.
type Option func(*Engine)

// WithKeychain resolves credentials per registry (default
// authn.DefaultKeychain: docker config.json and credential helpers).
// Combine keychains with authn.NewMultiKeychain.
func WithKeychain(k authn.Keychain) Option { return func(e *Engine) { e.keychain = k } }

// WithTransport sets the HTTP transport under the engine's retry layer
// (default: a pooled transport sized for the jobs, with 32 KiB read buffers).
func WithTransport(t http.RoundTripper) Option { return func(e *Engine) { e.transport = t } }

// WithJobs sets how many blobs stream at once (default 8), counted across
// every sync the engine runs, so that syncing many tags at a time does not
// multiply the streams; a blob's slot is freed once its bytes are sent.
func WithJobs(n int) Option {
	return func(e *Engine) {
		if n > 0 {
			e.jobs = n
		}
	}
}

// WithRetry sets the retry policy (default DefaultRetry). It keeps the
// engine's longest wait (WithMaxWait), whichever option comes first.
func WithRetry(r Retry) Option {
	return func(e *Engine) {
		r.maxWait = e.retry.maxWait
		e.retry = r
	}
}

// WithMaxWait sets the longest single wait the engine accepts (default
// DefaultMaxWait, 2 minutes): for a Retry-After (429, 503) and for a pull
// quota's reset (ratelimit-reset, when ratelimit-remaining is below what a
// copy needs). A longer ask, or one that would outlive the context
// deadline, fails at once as ErrThrottled with the registry's wait as
// RetryAfter. 0 waits out no Retry-After and no quota reset; less than 0
// is taken as 0.
func WithMaxWait(d time.Duration) Option { return func(e *Engine) { e.retry.maxWait = max(d, 0) } }

// WithResolver lets the engine copy to and from cloud coordinates
// (default: none; such endpoints are refused as invalid).
func WithResolver(r Resolver) Option { return func(e *Engine) { e.resolver = r } }

// WithLogger logs copies (default: nothing).
func WithLogger(l *slog.Logger) Option { return func(e *Engine) { e.log = l } }

// WithUserAgent sets the User-Agent sent to registries (default "imagesync").
func WithUserAgent(ua string) Option { return func(e *Engine) { e.userAgent = ua } }

// WithPlatforms copies only these platforms ("linux/amd64", "linux/arm/v7";
// no variant matches every variant) of a source index, and the attestation
// manifests that describe them (default: all). The target then holds a new
// index of those manifests only, whose digest differs from the source's:
// the target is compared against that filtered digest, and the task says so.
// A source that is a single image is copied as is.
func WithPlatforms(ps ...string) Option { return func(e *Engine) { e.platformSpec = ps } }

// WithReferrers also copies what points at the copied digest, and what
// points at that, to a depth of 4: the OCI referrers API's answer, else
// the sha256-<hex> fallback tag, and cosign's sha256-<hex>.sig/.att/.sbom
// tags (default off). It costs a referrers query and three tag HEADs per
// subject (the image, each child manifest of an unfiltered index, each
// referrer copied), no-op syncs included; a source without the API is
// queried once, and its fallback tag is HEADed per subject instead. A
// platform-filtered index takes no referrers.
func WithReferrers(on bool) Option { return func(e *Engine) { e.referrers = on } }

// WithProgress logs a progress line at info every d while a copy runs
// (default 10 s; 0 or less: never).
func WithProgress(d time.Duration) Option { return func(e *Engine) { e.every = d } }

// WithDialer sets the dialer of the default transport, e.g. one whose
// Control refuses link-local and metadata addresses after name resolution
// (infra.DialGuard). Ignored when WithTransport is given.
func WithDialer(d *net.Dialer) Option { return func(e *Engine) { e.dialer = d } }

// WithHosts sets how registry hosts are reached: TLS verified with an
// extra CA, TLS without verification, or plain HTTP, and a client
// certificate (default: HTTPS verified against the system's roots, with
// go-containerregistry's plain HTTP fallback for loopback and private
// addresses). Each host gets a clone of the default transport, so the
// dialer (WithDialer) still makes every connection. The files are read
// once, by New; a bad entry fails New as ErrInvalid.
func WithHosts(hs ...HostTLS) Option { return func(e *Engine) { e.hosts = hs } }

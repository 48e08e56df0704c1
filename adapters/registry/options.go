package registry

import (
	"log/slog"
	"net/http"

	"github.com/google/go-containerregistry/pkg/authn"
)

// Option configures an Engine.
type Option func(*Engine)

// WithKeychain resolves credentials per registry (default
// authn.DefaultKeychain: docker config.json and credential helpers).
// Combine keychains with authn.NewMultiKeychain.
func WithKeychain(k authn.Keychain) Option { return func(e *Engine) { e.keychain = k } }

// WithTransport sets the HTTP transport under the engine's retry layer
// (default: a pooled transport sized for the jobs, with 128 KiB buffers).
func WithTransport(t http.RoundTripper) Option { return func(e *Engine) { e.transport = t } }

// WithJobs sets how many blobs move at once per sync (default 8).
func WithJobs(n int) Option {
	return func(e *Engine) {
		if n > 0 {
			e.jobs = n
		}
	}
}

// WithRetry sets the retry policy (default DefaultRetry).
func WithRetry(r Retry) Option { return func(e *Engine) { e.retry = r } }

// WithResolver lets the engine copy to and from cloud coordinates
// (default: none; such endpoints are refused as invalid).
func WithResolver(r Resolver) Option { return func(e *Engine) { e.resolver = r } }

// WithLogger logs copies (default: nothing).
func WithLogger(l *slog.Logger) Option { return func(e *Engine) { e.log = l } }

// WithUserAgent sets the User-Agent sent to registries (default "imagesync").
func WithUserAgent(ua string) Option { return func(e *Engine) { e.userAgent = ua } }

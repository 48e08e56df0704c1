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
func WithKeychain(k authn.Keychain) Option { return func(e *Engine) { e.keychain = k } }

// WithTransport sets the HTTP transport (default http.DefaultTransport).
func WithTransport(t http.RoundTripper) Option { return func(e *Engine) { e.transport = t } }

// WithJobs sets how many blobs move at once per image (default 8).
func WithJobs(n int) Option {
	return func(e *Engine) {
		if n > 0 {
			e.jobs = n
		}
	}
}

// WithLogger logs copies (default: nothing).
func WithLogger(l *slog.Logger) Option { return func(e *Engine) { e.log = l } }

// WithUserAgent sets the User-Agent sent to registries (default "imagesync").
func WithUserAgent(ua string) Option { return func(e *Engine) { e.userAgent = ua } }

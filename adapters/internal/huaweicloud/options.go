package huaweicloud

import (
	"log/slog"
	"net/http"
	"time"
)

// Option configures the Settings of an engine built on this package (swr,
// hss); those packages re-export these options under their own names.
type Option func(*Settings)

// WithCredentials sets the access keys (default: CredentialsFromEnv).
func WithCredentials(c Credentials) Option {
	return func(s *Settings) { s.Creds, s.CredsSet = c, true }
}

// WithLogger logs each API call at debug level and retries at info
// (default: no logging). Credentials and signatures are never logged.
func WithLogger(l *slog.Logger) Option { return func(s *Settings) { s.Log = l } }

// WithTransport sets the HTTP transport under the SDK (default: a clone of
// http.DefaultTransport).
func WithTransport(rt http.RoundTripper) Option { return func(s *Settings) { s.Transport = rt } }

// WithClock sets the clock (default time.Now).
func WithClock(now func() time.Time) Option { return func(s *Settings) { s.Now = now } }

// WithBackoff sets the first and the largest retry delay (default 200ms, 5s).
func WithBackoff(base, max time.Duration) Option {
	return func(s *Settings) { s.Backoff.Base, s.Backoff.Max = base, max }
}

// WithGetenv sets how the environment is read (default os.Getenv).
func WithGetenv(getenv func(string) string) Option {
	return func(s *Settings) { s.Getenv = getenv }
}

// Apply returns the default settings with opts applied.
func Apply(opts []Option) Settings {
	s := DefaultSettings()
	for _, o := range opts {
		o(&s)
	}
	return s
}

package huawei

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/imagesync/imagesync/core"
)

// Option configures a Huawei Cloud engine (swr.New, hss.New). An option
// given a value it cannot use returns an error, and the engine's New fails
// with it (ErrInvalid, naming the option).
type Option func(*Settings) error

func refuse(option, why string) error {
	return core.Errorf(core.ErrInvalid, "%s: %s", option, why)
}

// WithCredentials sets the access keys (default: CredentialsFromEnv).
func WithCredentials(c Credentials) Option {
	return func(s *Settings) error { s.Creds, s.CredsSet = c, true; return nil }
}

// WithLogger logs each API call at debug level and retries at info
// (default: no logging). Credentials and signatures are never logged. nil
// is refused.
func WithLogger(l *slog.Logger) Option {
	return func(s *Settings) error {
		if l == nil {
			return refuse("WithLogger", "nil logger")
		}
		s.Log = l
		return nil
	}
}

// WithTransport sets the HTTP transport under the SDK (default: a clone of
// http.DefaultTransport). nil is refused.
func WithTransport(rt http.RoundTripper) Option {
	return func(s *Settings) error {
		if rt == nil {
			return refuse("WithTransport", "nil transport")
		}
		s.Transport = rt
		return nil
	}
}

// WithClock sets the clock (default time.Now). nil is refused.
func WithClock(now func() time.Time) Option {
	return func(s *Settings) error {
		if now == nil {
			return refuse("WithClock", "nil clock")
		}
		s.Now = now
		return nil
	}
}

// WithBackoff sets the first and the largest retry delay (default 200ms,
// 5s); 0 < base ≤ max, else it is refused.
func WithBackoff(base, max time.Duration) Option {
	return func(s *Settings) error {
		if base <= 0 || max < base {
			return refuse("WithBackoff", "needs 0 < base ≤ max, got "+base.String()+", "+max.String())
		}
		s.Backoff.Base, s.Backoff.Max = base, max
		return nil
	}
}

// WithGetenv sets how the environment is read (default os.Getenv). nil is
// refused.
func WithGetenv(getenv func(string) string) Option {
	return func(s *Settings) error {
		if getenv == nil {
			return refuse("WithGetenv", "nil getenv")
		}
		s.Getenv = getenv
		return nil
	}
}

// WithCredentialsProvider gives the credentials of each call (a
// credential chain, the keys of the invocation); it takes the place of
// WithCredentials and the environment. nil is refused.
func WithCredentialsProvider(p func(ctx context.Context) (Credentials, error)) Option {
	return func(s *Settings) error {
		if p == nil {
			return refuse("WithCredentialsProvider", "nil provider")
		}
		s.Provider = p
		return nil
	}
}

// Apply returns the default settings with opts applied, or the first
// option's refusal.
func Apply(opts []Option) (Settings, error) {
	s := DefaultSettings()
	for _, o := range opts {
		if err := o(&s); err != nil {
			return Settings{}, err
		}
	}
	return s, nil
}

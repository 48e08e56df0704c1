package hss

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"time"

	"github.com/imagesync/imagesync/core"
)

// Engine asks Huawei HSS to refresh its inventory of registries' images.
// Build it once per process with New; it is safe for concurrent use.
type Engine struct {
	cfg       Config
	creds     Credentials
	log       *slog.Logger
	transport http.RoundTripper
	now       func() time.Time
	backoff   backoff
	getenv    func(string) string
	credsSet  bool
}

var _ core.Engine = (*Engine)(nil)

// Option configures an Engine.
type Option func(*Engine)

// WithCredentials sets the access keys (default: CredentialsFromEnv).
func WithCredentials(c Credentials) Option {
	return func(e *Engine) { e.creds, e.credsSet = c, true }
}

// WithLogger logs each API call at debug level and retries at info
// (default: no logging). Credentials and signatures are never logged.
func WithLogger(l *slog.Logger) Option { return func(e *Engine) { e.log = l } }

// WithTransport sets the HTTP transport under the SDK (default: a clone of
// http.DefaultTransport).
func WithTransport(rt http.RoundTripper) Option { return func(e *Engine) { e.transport = rt } }

// WithClock sets the clock (default time.Now).
func WithClock(now func() time.Time) Option { return func(e *Engine) { e.now = now } }

// WithBackoff sets the first and the largest retry delay (default 200ms, 5s).
func WithBackoff(base, max time.Duration) Option {
	return func(e *Engine) { e.backoff.base, e.backoff.max = base, max }
}

// WithGetenv sets how the environment is read (default os.Getenv).
func WithGetenv(getenv func(string) string) Option {
	return func(e *Engine) { e.getenv = getenv }
}

// New builds an Engine. It checks the configuration and that credentials
// are present; it makes no network call.
func New(cfg Config, opts ...Option) (*Engine, error) {
	e := &Engine{
		getenv:  os.Getenv,
		log:     slog.New(slog.DiscardHandler),
		now:     time.Now,
		backoff: backoff{base: 200 * time.Millisecond, max: 5 * time.Second},
	}
	for _, o := range opts {
		o(e)
	}
	e.cfg = cfg.withDefaults(e.getenv)
	if !e.credsSet {
		e.creds = CredentialsFromEnv(e.getenv)
	}
	if err := e.cfg.validate(); err != nil {
		return nil, fmt.Errorf("%w: %w", core.ErrInvalid, err)
	}
	if !e.creds.valid() {
		return nil, core.Errorf(core.ErrInvalid, "hss: no credentials: set CLOUD_SDK_AK and CLOUD_SDK_SK "+
			"(or HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK) or use WithCredentials")
	}
	if e.transport == nil {
		t, ok := http.DefaultTransport.(*http.Transport)
		if !ok {
			return nil, errors.New("hss: http.DefaultTransport is not an *http.Transport")
		}
		e.transport = t.Clone()
	}
	e.backoff.attempts = e.cfg.MaxAttempts
	return e, nil
}

// Name is "hss".
func (e *Engine) Name() string { return core.EngineHSS }

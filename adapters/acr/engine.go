package acr

import (
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/imagesync/imagesync/core"
)

var (
	_ core.Engine     = (*Engine)(nil)
	_ core.TaskReader = (*Engine)(nil)
	_ core.AutoSyncer = (*Engine)(nil)
)

// Engine drives ACR EE's own image synchronization. Build it once per
// process with New; it is safe for concurrent use.
type Engine struct {
	cfg       Config
	ep        endpoint
	creds     CredentialsProvider
	log       *slog.Logger
	transport http.RoundTripper
	repos     repoCache
	now       func() time.Time
}

// Option configures an Engine. An option given a value it cannot use
// returns an error, and New fails with it (ErrInvalid, naming the option).
type Option func(*Engine) error

// WithCredentials sets where credentials come from (default
// DefaultCredentials: the environment, then the SDK's chain). nil is
// refused.
func WithCredentials(p CredentialsProvider) Option {
	return func(e *Engine) error { return set(&e.creds, p, p == nil, "WithCredentials") }
}

// WithLogger logs each API call at debug level and each task created at
// info level (default: no logging). Credentials are never logged. nil is
// refused.
func WithLogger(l *slog.Logger) Option {
	return func(e *Engine) error { return set(&e.log, l, l == nil, "WithLogger") }
}

// WithTransport sets the HTTP transport requests go through (default: a
// transport of its own whose dials time out after Config.ConnectTimeout).
// nil is refused.
func WithTransport(rt http.RoundTripper) Option {
	return func(e *Engine) error { return set(&e.transport, rt, rt == nil, "WithTransport") }
}

// WithClock sets the clock used to stamp tasks (default time.Now). nil is
// refused.
func WithClock(now func() time.Time) Option {
	return func(e *Engine) error { return set(&e.now, now, now == nil, "WithClock") }
}

// set stores v in *field unless it is nil, which the option refuses.
func set[T any](field *T, v T, isNil bool, option string) error {
	if isNil {
		return core.Errorf(core.ErrInvalid, "acr: %s: nil", option)
	}
	*field = v
	return nil
}

// New validates cfg, applies the defaults and options, and returns the
// engine, or fails with the first option refused. It makes no request.
func New(cfg Config, opts ...Option) (*Engine, error) {
	cfg, ep, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	e := &Engine{cfg: cfg, ep: ep, log: slog.New(slog.DiscardHandler), now: time.Now,
		repos: repoCache{ids: map[string]string{}}}
	for _, o := range opts {
		if err := o(e); err != nil {
			return nil, err
		}
	}
	if e.creds == nil {
		e.creds = DefaultCredentials()
	}
	if e.transport == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.DialContext = (&net.Dialer{Timeout: cfg.ConnectTimeout, KeepAlive: 30 * time.Second}).DialContext
		t.TLSHandshakeTimeout = cfg.ConnectTimeout
		e.transport = t
	}
	return e, nil
}

// Name is "acr".
func (e *Engine) Name() string { return core.EngineACR }

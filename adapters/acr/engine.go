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

// Option configures an Engine.
type Option func(*Engine)

// WithCredentials sets where credentials come from (default
// DefaultCredentials: the environment, then the SDK's chain).
func WithCredentials(p CredentialsProvider) Option { return func(e *Engine) { e.creds = p } }

// WithLogger logs each API call at debug level and each task created at
// info level (default: no logging). Credentials are never logged.
func WithLogger(l *slog.Logger) Option { return func(e *Engine) { e.log = l } }

// WithTransport sets the HTTP transport requests go through (default: a
// transport of its own whose dials time out after Config.ConnectTimeout).
func WithTransport(rt http.RoundTripper) Option { return func(e *Engine) { e.transport = rt } }

// WithClock sets the clock used to stamp tasks (default time.Now).
func WithClock(now func() time.Time) Option { return func(e *Engine) { e.now = now } }

// New validates cfg, applies the defaults and options, and returns the
// engine. It makes no request.
func New(cfg Config, opts ...Option) (*Engine, error) {
	cfg, ep, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	e := &Engine{cfg: cfg, ep: ep, log: slog.New(slog.DiscardHandler), now: time.Now,
		repos: repoCache{ids: map[string]string{}}}
	for _, o := range opts {
		o(e)
	}
	if e.creds == nil {
		e.creds = DefaultCredentials()
	}
	if e.log == nil {
		e.log = slog.New(slog.DiscardHandler)
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

package infra

import (
	"time"

	"github.com/imagesync/imagesync/core"
)

// Defaults of the server section.
const (
	DefaultReadHeaderTimeout = 10 * time.Second
	DefaultBodyTimeout       = 30 * time.Second
	DefaultIdleTimeout       = 60 * time.Second
	DefaultShutdownGrace     = 30 * time.Second
)

// ServerConfig bounds the connections of the HTTP servers imagesync starts
// itself (imagesync serve, the FunctionGraph HTTP function) and, for the
// body, of every HTTP trigger. Zero fields take the defaults above.
type ServerConfig struct {
	// ReadHeaderTimeout is how long a client has to send a request's
	// headers.
	ReadHeaderTimeout time.Duration `json:"readHeaderTimeout,omitempty"`
	// BodyTimeout is how long an authenticated client has to send a
	// request's body once its headers are read (an unauthenticated one
	// is answered 401 before its body is read).
	BodyTimeout time.Duration `json:"bodyTimeout,omitempty"`
	// IdleTimeout closes a keep-alive connection that carries no request
	// for this long.
	IdleTimeout time.Duration `json:"idleTimeout,omitempty"`
	// ShutdownGrace is how long requests in flight may run on after
	// SIGINT or SIGTERM, once the server stopped accepting; then they are
	// cancelled (their tasks end CANCELED) and the process exits.
	ShutdownGrace time.Duration `json:"shutdownGrace,omitempty"`
}

// WithDefaults returns s with every zero field set to its default.
func (s ServerConfig) WithDefaults() ServerConfig {
	s.ReadHeaderTimeout = orDuration(s.ReadHeaderTimeout, DefaultReadHeaderTimeout)
	s.BodyTimeout = orDuration(s.BodyTimeout, DefaultBodyTimeout)
	s.IdleTimeout = orDuration(s.IdleTimeout, DefaultIdleTimeout)
	s.ShutdownGrace = orDuration(s.ShutdownGrace, DefaultShutdownGrace)
	return s
}

func (s ServerConfig) validate(v *core.ValidationError) {
	for _, f := range []struct {
		key string
		d   time.Duration
	}{{"readHeaderTimeout", s.ReadHeaderTimeout}, {"bodyTimeout", s.BodyTimeout},
		{"idleTimeout", s.IdleTimeout}, {"shutdownGrace", s.ShutdownGrace}} {
		if f.d < 0 || f.d > time.Hour {
			v.Add("server."+f.key, "must be a duration between 1s and 1h (0 or absent: the default)")
		}
	}
}

func orDuration(d, def time.Duration) time.Duration {
	if d == 0 {
		return def
	}
	return d
}

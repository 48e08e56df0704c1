package huawei

import (
	"context"
	"log/slog"
	"net/http"
	"os"
	"time"
)

// Settings are what an engine's options set. Start from DefaultSettings.
type Settings struct {
	Creds    Credentials
	CredsSet bool // Creds were given: the environment is not read for them
	// Provider, when set, gives the credentials of each call instead of
	// Creds (a credential chain, the invocation's keys).
	Provider  func(ctx context.Context) (Credentials, error)
	Log       *slog.Logger
	Transport http.RoundTripper // nil: a clone of http.DefaultTransport
	Now       func() time.Time
	Getenv    func(string) string
	Backoff   Backoff // Attempts is set by NewClient
}

// DefaultSettings read the environment with os.Getenv, log nothing, use
// time.Now and back off from 200ms up to 5s.
func DefaultSettings() Settings {
	return Settings{
		Getenv:  os.Getenv,
		Log:     slog.New(slog.DiscardHandler),
		Now:     time.Now,
		Backoff: Backoff{Base: 200 * time.Millisecond, Max: 5 * time.Second},
	}
}

// Backoff is an engine's terms of imagesync's one retry policy: attempt n
// waits a random time in [0, min(Max, Base*2^(n-1))], or longer when the
// provider asked, up to 2 minutes. Attempts bounds the calls of one
// operation (the engine's maxAttempts).
type Backoff struct {
	Base, Max time.Duration
	Attempts  int
}

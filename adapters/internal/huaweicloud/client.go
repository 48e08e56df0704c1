package huaweicloud

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/imagesync/imagesync/adapters/huawei"
	"github.com/imagesync/imagesync/core"
)

// Service names the engine whose calls a Client runs.
type Service struct {
	// Name is the engine ("swr", "hss"): the Provider of its errors and the
	// first word of its messages and log lines.
	Name string
	// NotFound says what a 404 means; it precedes the provider's message.
	NotFound string
}

// Client runs the calls of one engine: it holds the credentials, the
// transport, the per-call timeout and the retry policy. It is safe for
// concurrent use.
type Client struct {
	svc       Service
	creds     Credentials
	provider  func(ctx context.Context) (Credentials, error)
	log       *slog.Logger
	transport http.RoundTripper
	now       func() time.Time
	timeout   time.Duration
	backoff   Backoff
}

// NewClient completes s for svc: credentials from s.Provider at each
// call, else from the environment unless s.CredsSet
// (CredentialsFromEnv(s.Getenv)), else ErrInvalid; a clone of
// http.DefaultTransport unless s.Transport is set. It makes no network call.
func NewClient(svc Service, s Settings, timeout time.Duration, attempts int) (*Client, error) {
	if !s.CredsSet && s.Provider == nil {
		s.Creds = huawei.CredentialsFromEnv(s.Getenv)
	}
	if !s.Creds.Valid() && s.Provider == nil {
		return nil, core.Errorf(core.ErrInvalid, "%s: no credentials: set CLOUD_SDK_AK and CLOUD_SDK_SK "+
			"(or HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK) or use WithCredentials", svc.Name)
	}
	if s.Transport == nil {
		t, ok := http.DefaultTransport.(*http.Transport)
		if !ok {
			return nil, errors.New(svc.Name + ": http.DefaultTransport is not an *http.Transport")
		}
		s.Transport = t.Clone()
	}
	s.Backoff.Attempts = attempts
	return &Client{svc: svc, creds: s.Creds, provider: s.Provider, log: s.Log, transport: s.Transport, now: s.Now,
		timeout: timeout, backoff: s.Backoff}, nil
}

// Open builds the Client of a Huawei engine: it applies the engine's
// options (ErrInvalid naming the one refused), lets configure fill and
// check the engine's configuration from them (it reads the environment
// through the options' getenv; an error is ErrInvalid) and returns the
// per-call timeout and the attempts, then builds the client.
func Open(svc Service, opts []huawei.Option, configure func(getenv func(string) string) (timeout time.Duration, attempts int, err error)) (*Client, error) {
	set, err := huawei.Apply(opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", svc.Name, err)
	}
	timeout, attempts, err := configure(set.Getenv)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", core.ErrInvalid, err)
	}
	return NewClient(svc, set, timeout, attempts)
}

// Now is the time on the engine's clock.
func (c *Client) Now() time.Time { return c.now() }

package creds

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/core"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/google"
)

// errNoGoogleCredentials: Application Default Credentials found nothing;
// a Google registry is then declined (docker's config, else anonymous).
var errNoGoogleCredentials = errors.New("no Google Application Default Credentials")

const cloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform"

// Google returns a keychain of OAuth2 access tokens for Artifact Registry
// and Container Registry hosts (registry.GoogleHost), used as user
// "oauth2accesstoken", from Application Default Credentials as
// golang.org/x/oauth2/google's FindDefaultCredentials finds them: the JSON
// file GOOGLE_APPLICATION_CREDENTIALS names (service account, authorized
// user, workload identity federation), gcloud's well-known file
// (`gcloud auth application-default login`), then the metadata server
// (GCE_METADATA_HOST, else 169.254.169.254) on Google's platforms.
//
// They are found at the first Google host (a process that never names one
// reads no file and makes no call); a search that found nothing declines
// the host (public images then pull anonymously) and is made again after
// a minute. rt carries the token requests (nil: the default transport);
// the metadata server is asked with the metadata package's own client.
func Google(rt http.RoundTripper) *Keychain {
	g := &googleADC{rt: rt}
	return &Keychain{Match: registry.GoogleHost, Exchange: g.exchange}
}

type googleADC struct {
	rt     http.RoundTripper
	mu     sync.Mutex
	ts     oauth2.TokenSource
	err    error
	failed time.Time
}

func (g *googleADC) exchange(ctx context.Context, host string) (authn.AuthConfig, time.Time, error) {
	var none authn.AuthConfig
	ts, err := g.tokenSource()
	if errors.Is(err, errNoGoogleCredentials) {
		return none, time.Time{}, fmt.Errorf("google login for %s: %w: %w", host, ErrNotMine, err)
	}
	if err != nil {
		return none, time.Time{}, fmt.Errorf("google login for %s: %w", host, err)
	}
	tok, err := token(ctx, ts)
	if err != nil {
		kind := core.ErrUnavailable
		var re *oauth2.RetrieveError
		if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode/100 == 4 {
			kind = core.ErrUnauthorized
		}
		return none, time.Time{}, fmt.Errorf("google token for %s: %w: %v", host, kind, err)
	}
	exp := tok.Expiry
	if exp.IsZero() {
		exp = time.Now().Add(30 * time.Minute)
	}
	return authn.AuthConfig{Username: "oauth2accesstoken", Password: tok.AccessToken}, exp, nil
}

// tokenSource finds the credentials once; a search that found nothing is
// remembered for a minute (off Google's platforms, the metadata probe
// costs up to a few seconds).
func (g *googleADC) tokenSource() (oauth2.TokenSource, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.ts != nil {
		return g.ts, nil
	}
	if g.err != nil && time.Since(g.failed) < chainRetry {
		return nil, g.err
	}
	rt := g.rt
	if rt == nil {
		rt = http.DefaultTransport
	}
	// The token source keeps this context for every later refresh: it
	// must outlive the call that found it.
	ctx := context.WithValue(context.Background(), oauth2.HTTPClient, &http.Client{Transport: rt, Timeout: 30 * time.Second})
	c, err := google.FindDefaultCredentials(ctx, cloudPlatformScope)
	switch {
	case err != nil && strings.Contains(err.Error(), "could not find default credentials"):
		g.err, g.failed = fmt.Errorf("%w: %w (GOOGLE_APPLICATION_CREDENTIALS, gcloud's application default "+
			"credentials, metadata server)", core.ErrUnauthorized, errNoGoogleCredentials), time.Now()
		return nil, g.err
	case err != nil: // a file that is named but unreadable: said, not skipped
		g.err, g.failed = core.Errorf(core.ErrInvalid, "Google Application Default Credentials: %v", err), time.Now()
		return nil, g.err
	}
	g.ts, g.err = c.TokenSource, nil
	return g.ts, nil
}

// token asks ts within ctx: oauth2's token sources take no context.
func token(ctx context.Context, ts oauth2.TokenSource) (*oauth2.Token, error) {
	type result struct {
		tok *oauth2.Token
		err error
	}
	ch := make(chan result, 1)
	go func() {
		tok, err := ts.Token()
		ch <- result{tok, err}
	}()
	select {
	case r := <-ch:
		return r.tok, r.err
	case <-ctx.Done():
		return nil, context.Cause(ctx)
	}
}

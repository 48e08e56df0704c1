package creds

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
)

// Exchange buys a registry login for host and says when it expires. An
// error wrapping ErrNotMine declines the host: it resolves to anonymous
// (so that a multi-keychain asks the next one) until the declined time.
type Exchange func(ctx context.Context, host string) (authn.AuthConfig, time.Time, error)

// ErrNotMine is what an Exchange wraps to decline a host it matched by
// form but cannot log into (e.g. a registry of another account).
var ErrNotMine = errors.New("not this keychain's registry")

// declineFor is how long a declined host stays declined.
const declineFor = 10 * time.Minute

// Keychain answers for the hosts Match accepts with logins from Exchange,
// cached per host until Margin before they expire.
type Keychain struct {
	Match    func(host string) bool
	Exchange Exchange
	Margin   time.Duration // default 5 minutes
	Timeout  time.Duration // bound on one exchange, default 30 s
	Now      func() time.Time

	mu    sync.Mutex
	cache map[string]login
}

type login struct {
	cfg      authn.AuthConfig
	expires  time.Time
	declined bool // Exchange declined the host (ErrNotMine) until expires
}

// Resolve implements authn.Keychain.
func (k *Keychain) Resolve(r authn.Resource) (authn.Authenticator, error) {
	return k.ResolveContext(context.Background(), r)
}

// ResolveContext implements authn.ContextKeychain.
func (k *Keychain) ResolveContext(ctx context.Context, r authn.Resource) (authn.Authenticator, error) {
	host := r.RegistryStr()
	if !k.Match(host) {
		return authn.Anonymous, nil
	}
	now := k.now()
	k.mu.Lock()
	l, ok := k.cache[host]
	k.mu.Unlock()
	switch {
	case ok && l.declined && now.Before(l.expires):
		return authn.Anonymous, nil
	case ok && !l.declined && now.Add(k.margin()).Before(l.expires):
		return authn.FromConfig(l.cfg), nil
	}
	timeout := k.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cfg, exp, err := k.Exchange(ctx, host)
	declined := errors.Is(err, ErrNotMine)
	if err != nil && !declined {
		return nil, err
	}
	if declined {
		exp = now.Add(declineFor)
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.cache == nil {
		k.cache = map[string]login{}
	}
	k.cache[host] = login{cfg: cfg, expires: exp, declined: declined}
	if declined {
		return authn.Anonymous, nil
	}
	return authn.FromConfig(cfg), nil
}

func (k *Keychain) margin() time.Duration {
	if k.Margin > 0 {
		return k.Margin
	}
	return 5 * time.Minute
}

func (k *Keychain) now() time.Time {
	if k.Now != nil {
		return k.Now()
	}
	return time.Now()
}

package creds

import (
	"context"
	"sync"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
)

// Exchange buys a registry login for host and says when it expires.
type Exchange func(ctx context.Context, host string) (authn.AuthConfig, time.Time, error)

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
	cfg     authn.AuthConfig
	expires time.Time
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
	if ok && now.Add(k.margin()).Before(l.expires) {
		return authn.FromConfig(l.cfg), nil
	}
	timeout := k.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cfg, exp, err := k.Exchange(ctx, host)
	if err != nil {
		return nil, err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.cache == nil {
		k.cache = map[string]login{}
	}
	k.cache[host] = login{cfg: cfg, expires: exp}
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

package registry

import (
	"context"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
	"github.com/imagesync/imagesync/core"
)

// clientTTL is how long an authenticated client (and its token, which the
// bearer transport refreshes on a 401) is reused before credentials are
// resolved again.
const clientTTL = 10 * time.Minute

// clients caches one authenticated HTTP client per registry and scope set,
// so that syncs to the same repositories reuse tokens and connections.
// Syncs that start together wait for the first one's client instead of
// each pinging and authenticating on its own (core.Flights: each waits
// under its own context, and a login goes on while one of them waits).
type clients struct {
	keychain authn.Keychain
	base     http.RoundTripper // user agent -> retry -> pooled transport
	now      func() time.Time
	maxWait  time.Duration // longest wait for a pull quota's reset (WithMaxWait)
	logins   core.Flights[*http.Client]

	mu sync.Mutex
	m  map[string]cachedClient
}

type cachedClient struct {
	c       *http.Client
	expires time.Time
}

// repo returns a client for repo allowed to do actions there, and to pull
// from the also repositories of the same registry (for cross-repo mounts).
// Its rate limit waits for a pull quota's reset up to the engine's max wait
// (WithMaxWait).
func (cs *clients) repo(ctx context.Context, repo name.Repository, actions []string, also ...name.Repository) (*repoClient, error) {
	c, err := cs.client(ctx, repo, actions, also...)
	if err != nil {
		return nil, err
	}
	return &repoClient{repo: repo, c: c, rl: &rateLimit{maxWait: cs.maxWait}}, nil
}

// client returns the cached authenticated client for repo and the scopes
// of actions there and of pulls from also, authenticating anew when there
// is none or it has expired. A failed login is not cached: the next sync
// tries again.
func (cs *clients) client(ctx context.Context, repo name.Repository, actions []string, also ...name.Repository) (*http.Client, error) {
	scopes := []string{repo.Scope(strings.Join(actions, ","))}
	for _, a := range also {
		scopes = append(scopes, a.Scope(transport.PullScope))
	}
	slices.Sort(scopes[1:])
	return cs.scoped(ctx, repo.Registry, scopes)
}

// catalog returns the cached authenticated client for reg's catalog
// (scope registry:catalog:*).
func (cs *clients) catalog(ctx context.Context, reg name.Registry) (*http.Client, error) {
	return cs.scoped(ctx, reg, []string{reg.Scope(transport.PullScope)})
}

// scoped returns the cached authenticated client for reg and scopes,
// authenticating anew when there is none or it has expired.
func (cs *clients) scoped(ctx context.Context, reg name.Registry, scopes []string) (*http.Client, error) {
	key := reg.RegistryStr() + " " + strings.Join(scopes, " ")
	if c := cs.cached(key); c != nil {
		return c, nil
	}
	return cs.logins.Do(ctx, key, func(ctx context.Context) (*http.Client, error) {
		if c := cs.cached(key); c != nil { // a login that ended just before this one started
			return c, nil
		}
		c, err := cs.authenticate(ctx, reg, scopes)
		if err != nil {
			return nil, err
		}
		now := cs.now()
		cs.mu.Lock()
		defer cs.mu.Unlock()
		for k, v := range cs.m { // drop the expired ones on the way
			if !now.Before(v.expires) {
				delete(cs.m, k)
			}
		}
		if cs.m == nil {
			cs.m = map[string]cachedClient{}
		}
		cs.m[key] = cachedClient{c: c, expires: now.Add(clientTTL)}
		return c, nil
	})
}

// cached returns the client of key unless it has expired.
func (cs *clients) cached(key string) *http.Client {
	now := cs.now()
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if cc, ok := cs.m[key]; ok && now.Before(cc.expires) {
		return cc.c
	}
	return nil
}

// authenticate resolves reg's credentials and builds a client with a
// token for scopes (a ping, and a token request when the registry asks
// for one).
func (cs *clients) authenticate(ctx context.Context, reg name.Registry, scopes []string) (*http.Client, error) {
	auth, err := authn.Resolve(ctx, cs.keychain, reg)
	if err != nil {
		return nil, classify(err, "resolving credentials for "+reg.RegistryStr())
	}
	rt, err := transport.NewWithContext(ctx, reg, auth, cs.base, scopes)
	if err != nil {
		return nil, classify(err, "authenticating to "+reg.RegistryStr())
	}
	return &http.Client{Transport: rt}, nil
}

// newPooledTransport is the default HTTP transport: keep-alive connections
// enough for every job to hold one per registry. Buffers are per
// connection, so they are what grows with jobs: a 32 KiB read buffer (as
// large as io.Copy's buffer, so blob bodies are read straight into it,
// with no copy through bufio), and the default 4 KiB write buffer (request
// bodies bypass it: after the headers they go to the socket through
// ReadFrom). 128 KiB for both cost ~1.5 MiB of RSS at 8 jobs and gained
// nothing measurable (BENCHMARKS-registry.md).
func newPooledTransport(jobs int, dialer *net.Dialer) *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	if dialer != nil {
		t.DialContext = dialer.DialContext
	}
	t.MaxIdleConns = 256
	t.MaxIdleConnsPerHost = 2*jobs + 4
	t.ReadBufferSize = 32 << 10
	t.DisableCompression = true
	t.ResponseHeaderTimeout = 5 * time.Minute
	return t
}

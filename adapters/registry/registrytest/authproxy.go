package registrytest

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// AuthProxy puts a registry behind authentication: HTTP basic, or the
// distribution bearer-token flow with its own token endpoint (/token) that
// takes the same username and password.
type AuthProxy struct {
	Host   string       // host:port of the proxy
	Tokens atomic.Int64 // tokens issued so far (bearer mode)

	user, pass string
	bearer     bool
	rp         *httputil.ReverseProxy
	mu         sync.Mutex
	issued     map[string]bool
}

// NewAuthProxy proxies to upstream (host:port), admitting user:pass only.
func NewAuthProxy(t testing.TB, upstream, user, pass string, bearer bool) *AuthProxy {
	t.Helper()
	u, err := url.Parse("http://" + upstream)
	if err != nil {
		t.Fatal(err)
	}
	p := &AuthProxy{user: user, pass: pass, bearer: bearer, issued: map[string]bool{},
		rp: httputil.NewSingleHostReverseProxy(u)}
	s := httptest.NewServer(p)
	t.Cleanup(s.Close)
	p.Host = strings.TrimPrefix(s.URL, "http://")
	return p
}

func (p *AuthProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/token" && p.bearer {
		p.token(w, r)
		return
	}
	if !p.admit(r) {
		if p.bearer {
			w.Header().Set("WWW-Authenticate", `Bearer realm="http://`+p.Host+`/token",service="registrytest"`)
		} else {
			w.Header().Set("WWW-Authenticate", `Basic realm="registrytest"`)
		}
		http.Error(w, `{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}`, http.StatusUnauthorized)
		return
	}
	r.Header.Del("Authorization")
	p.rp.ServeHTTP(w, r)
}

func (p *AuthProxy) admit(r *http.Request) bool {
	if !p.bearer {
		u, pw, ok := r.BasicAuth()
		return ok && u == p.user && pw == p.pass
	}
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	p.mu.Lock()
	defer p.mu.Unlock()
	return ok && p.issued[tok]
}

func (p *AuthProxy) token(w http.ResponseWriter, r *http.Request) {
	u, pw, ok := r.BasicAuth()
	if !ok || u != p.user || pw != p.pass {
		http.Error(w, `{"details":"bad credentials"}`, http.StatusUnauthorized)
		return
	}
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	tok := hex.EncodeToString(b)
	p.mu.Lock()
	p.issued[tok] = true
	p.mu.Unlock()
	p.Tokens.Add(1)
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"token": tok, "expires_in": 300})
}

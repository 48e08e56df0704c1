package registrytest

import (
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// RateLimited is a reverse proxy in front of a registry that meters manifest
// pulls the way Docker Hub does: every manifest GET spends one pull, HEADs
// spend none, both announce "ratelimit-limit: N;w=21600" and
// "ratelimit-remaining: R;w=21600"; once none remain, GETs get 429
// TOOMANYREQUESTS with "ratelimit-reset" (and Retry-After when set).
type RateLimited struct {
	Host       string       // host:port of the proxy
	Gets       atomic.Int64 // manifest GETs that got through
	Hide       bool         // send no ratelimit-remaining (quota unknown)
	RetryAfter string       // Retry-After of 429s; "" sends none
	Reset      int          // ratelimit-reset of 429s, seconds

	mu        sync.Mutex
	limit     int
	remaining int
}

// NewRateLimited proxies to upstream with remaining pulls of a limit.
func NewRateLimited(t testing.TB, upstream string, limit, remaining int) *RateLimited {
	t.Helper()
	u, err := url.Parse("http://" + upstream)
	if err != nil {
		t.Fatal(err)
	}
	p := &RateLimited{limit: limit, remaining: remaining, Reset: 3600}
	rp := httputil.NewSingleHostReverseProxy(u)
	rp.ErrorLog = log.New(io.Discard, "", 0)
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.URL.Path, "/manifests/") {
			rp.ServeHTTP(w, r)
			return
		}
		get := r.Method == http.MethodGet
		p.mu.Lock()
		spent := get && p.remaining == 0
		if get && !spent {
			p.remaining--
		}
		left := p.remaining
		p.mu.Unlock()
		w.Header().Set("Ratelimit-Limit", strconv.Itoa(p.limit)+";w=21600")
		if !p.Hide {
			w.Header().Set("Ratelimit-Remaining", strconv.Itoa(left)+";w=21600")
		}
		if spent {
			p.refuse(w)
			return
		}
		if get {
			p.Gets.Add(1)
		}
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	p.Host = strings.TrimPrefix(s.URL, "http://")
	return p
}

// refuse answers as Docker Hub does when the quota is spent.
func (p *RateLimited) refuse(w http.ResponseWriter) {
	w.Header().Set("Ratelimit-Reset", strconv.Itoa(p.Reset))
	if p.RetryAfter != "" {
		w.Header().Set("Retry-After", p.RetryAfter)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusTooManyRequests)
	_, _ = io.WriteString(w, `{"errors":[{"code":"TOOMANYREQUESTS","message":"You have reached your pull rate limit."}]}`)
}

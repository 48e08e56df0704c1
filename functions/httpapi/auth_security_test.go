package httpapi_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/functions/httpapi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// counting is an engine that copies nothing and counts its calls; block,
// when set, holds each call until it is closed or the context ends.
type counting struct {
	mu    sync.Mutex
	calls []core.SyncRequest
	block chan struct{}
	dl    bool // the last call's context had a deadline
}

func (c *counting) Name() string { return core.EngineRegistry }
func (c *counting) Sync(ctx context.Context, r core.SyncRequest) (core.Task, error) {
	c.mu.Lock()
	c.calls = append(c.calls, r)
	_, c.dl = ctx.Deadline()
	c.mu.Unlock()
	if c.block != nil {
		select {
		case <-c.block:
		case <-ctx.Done():
			return core.Task{}, core.Errorf(core.ErrUnavailable, "deadline: %v", ctx.Err())
		}
	}
	return core.Task{Status: core.StatusSuccess, Digest: "sha256:" + strings.Repeat("a", 64)}, nil
}

func (c *counting) n() int { c.mu.Lock(); defer c.mu.Unlock(); return len(c.calls) }

var (
	hmacNew = []byte("new-signing-secret-0123456789")
	hmacOld = []byte("old-signing-secret-0123456789")
	token   = "tok-ci-8d1f0c1e6a2b4e9f"
)

func secured(t *testing.T, eng *counting, mod func(*httpapi.Security)) (http.Handler, *bytes.Buffer) {
	var logs bytes.Buffer
	ci := &core.Policy{Name: "ci", Sources: []core.Allow{{}}, Targets: []core.Allow{{Registry: "dst.io"}}}
	sec := httpapi.Security{
		Signers: []httpapi.Signer{{Principal: core.Principal{Name: "signer"}, Secrets: [][]byte{hmacNew, hmacOld}}},
		Tokens:  []httpapi.Token{{Principal: core.Principal{Name: "ci", Policy: ci}, SHA256: sha256.Sum256([]byte(token))}},
	}
	if mod != nil {
		mod(&sec)
	}
	h := httpapi.New(core.New(core.WithEngine(eng)), httpapi.WithSecurity(sec), httpapi.WithLogger(jsonLog(&logs)))
	return h, &logs
}

func call(h http.Handler, method, path, body string, hdr map[string]string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	for k, v := range hdr {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

const okBody = `{"source":{"image":"src.io/team/app:v1"},"target":{"image":"dst.io/team/app:v1"}}`

func TestUnconfiguredAuthRefusesEverythingButHealth(t *testing.T) {
	eng := &counting{}
	h := httpapi.New(core.New(core.WithEngine(eng)))
	for _, c := range [][2]string{{"POST", "/v1/syncs"}, {"POST", "/v1/events"}, {"POST", "/v1/ticks"}, {"GET", "/v1/syncs"}, {"GET", "/v1/syncs/registry:x"}} {
		w := call(h, c[0], c[1], okBody, nil)
		assert.Equal(t, 401, w.Code, c)
		assert.Contains(t, w.Body.String(), "auth.mode: none")
		assert.Equal(t, `Bearer realm="imagesync"`, w.Header().Get("WWW-Authenticate"))
	}
	assert.Equal(t, 200, call(h, "GET", "/healthz", "", nil).Code)
	assert.Zero(t, eng.n())
}

func TestSignedRequests(t *testing.T) {
	eng := &counting{}
	now := time.Unix(1_800_000_000, 0)
	h, logs := secured(t, eng, func(s *httpapi.Security) { s.Now = func() time.Time { return now } })
	sign := func(secret []byte, body string, at time.Time) map[string]string {
		return map[string]string{httpapi.SignatureHeader: httpapi.Sign(secret, []byte(body), at)}
	}
	cases := []struct {
		name string
		hdr  map[string]string
		code int
		want string
	}{
		{"new secret", sign(hmacNew, okBody, now), 200, ""},
		{"old secret during rotation", sign(hmacOld, okBody, now.Add(-59*time.Second)), 200, ""},
		{"replayed", sign(hmacNew, okBody, now), 401, "used already"},
		{"other body", sign(hmacNew, okBody+" ", now.Add(time.Second)), 401, "does not match"},
		{"unknown secret", sign([]byte("guess-guess-guess-guess"), okBody, now), 401, "does not match"},
		{"too old", sign(hmacNew, okBody, now.Add(-61*time.Second)), 401, "outside the 1m0s window"},
		{"from the future", sign(hmacNew, okBody, now.Add(61*time.Second)), 401, "outside"},
		{"malformed", map[string]string{httpapi.SignatureHeader: "v1=zz"}, 401, "64 hex digits"},
		{"no t", map[string]string{httpapi.SignatureHeader: "v1=" + strings.Repeat("ab", 32)}, 401, "signature must be t="},
		{"no credentials", nil, 401, "authentication required"},
	}
	for _, c := range cases {
		w := call(h, "POST", "/v1/syncs", okBody, c.hdr)
		assert.Equal(t, c.code, w.Code, c.name+": "+w.Body.String())
		assert.Contains(t, w.Body.String(), c.want, c.name)
	}
	assert.Equal(t, 2, eng.n())
	assert.NotContains(t, logs.String(), string(hmacNew))
	assert.Contains(t, logs.String(), `"msg":"refused"`)
}

func TestBearerTokensAndPolicy(t *testing.T) {
	eng := &counting{}
	h, logs := secured(t, eng, nil)
	auth := map[string]string{"Authorization": "Bearer " + token}
	assert.Equal(t, 200, call(h, "POST", "/v1/syncs", okBody, auth).Code)
	w := call(h, "POST", "/v1/syncs", `{"source":{"image":"src.io/a:v1"},"target":{"image":"evil.io/a:v1"}}`, auth)
	assert.Equal(t, 403, w.Code)
	assert.Contains(t, w.Body.String(), `"kind": "forbidden"`)
	assert.Contains(t, w.Body.String(), `principal ci: policy \"ci\" refuses target evil.io/a:v1`)
	for _, bad := range []string{"Bearer " + token + "x", "Basic " + token, "Bearer", "bearer  "} {
		w := call(h, "POST", "/v1/syncs", okBody, map[string]string{"Authorization": bad})
		assert.Equal(t, 401, w.Code, bad)
		assert.NotContains(t, w.Body.String(), token)
	}
	assert.Equal(t, 200, call(h, "GET", "/v1/syncs", "", auth).Code)
	assert.Equal(t, 1, eng.n(), "the refused target was never contacted")
	assert.NotContains(t, logs.String(), token)
}

func TestConcurrencyLimitAndDeadline(t *testing.T) {
	eng := &counting{block: make(chan struct{})}
	h, _ := secured(t, eng, func(s *httpapi.Security) {
		s.Mode = "none"
		s.Limits = httpapi.Limits{Concurrent: 1, RequestTimeout: 2 * time.Second}
	})
	done := make(chan int)
	go func() { done <- call(h, "POST", "/v1/syncs", okBody, nil).Code }()
	require.Eventually(t, func() bool { return eng.n() == 1 }, 2*time.Second, 5*time.Millisecond)
	w := call(h, "POST", "/v1/syncs", okBody, nil)
	assert.Equal(t, 429, w.Code, w.Body.String())
	assert.Equal(t, "1", w.Header().Get("Retry-After"))
	assert.Contains(t, w.Body.String(), "limits.concurrentSyncs")
	assert.Equal(t, 200, call(h, "GET", "/v1/syncs", "", nil).Code, "reads take no slot")
	close(eng.block)
	assert.Equal(t, 200, <-done)
	assert.True(t, eng.dl, "the request's context carries the configured deadline")

	eng2 := &counting{block: make(chan struct{})}
	h2, _ := secured(t, eng2, func(s *httpapi.Security) { s.Mode = "none"; s.Limits.RequestTimeout = 50 * time.Millisecond })
	start := time.Now()
	w = call(h2, "POST", "/v1/syncs", okBody, nil)
	assert.Equal(t, 503, w.Code, "a request past its deadline ends, it never hangs")
	assert.Less(t, time.Since(start), time.Second)
}

func jsonLog(w *bytes.Buffer) *slog.Logger { return slog.New(slog.NewJSONHandler(w, nil)) }

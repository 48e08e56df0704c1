package app_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/functions/app"
	"github.com/imagesync/imagesync/functions/httpapi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// appWith is app.New over config with env, its log lines going to logs.
func appWith(t *testing.T, config string, env map[string]string, logs *bytes.Buffer) *app.App {
	t.Helper()
	path := filepath.Join(t.TempDir(), "imagesync.yaml")
	require.NoError(t, os.WriteFile(path, []byte(config), 0o600))
	a, err := app.New(func(k string) string {
		if k == "IMAGESYNC_CONFIG" {
			return path
		}
		return env[k]
	}, logs)
	require.NoError(t, err)
	return a
}

// TestLogKeysWired: log.level and log.format, read by app.New, decide
// which lines are written and how: debug lines as text, or info lines as
// JSON by default.
func TestLogKeysWired(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	registrytest.PushIndex(t, src+"/team/app:v1", 512, 1, 1)
	body := `{"source":{"image":"` + src + `/team/app:v1"},"target":{"image":"` + dst + `/team/app:v1"}}`
	var text, json bytes.Buffer
	for _, c := range []struct {
		config string
		logs   *bytes.Buffer
	}{{"auth: {mode: none}\nlog: {level: debug, format: text}\n", &text}, {"auth: {mode: none}\n", &json}} {
		a := appWith(t, c.config, nil, c.logs)
		status, out := post(t, a.HTTP, "/v1/syncs", body)
		require.Equal(t, http.StatusOK, status, out)
	}
	assert.Contains(t, text.String(), "level=DEBUG")
	assert.Contains(t, text.String(), "msg=sync")
	assert.NotContains(t, json.String(), `"level":"DEBUG"`)
	assert.Contains(t, json.String(), `"msg":"sync"`)
}

// TestHistoryWired: history: 1 keeps one task of this process for GET
// /v1/syncs.
func TestHistoryWired(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	a := newApp(t, "auth: {mode: none}\nhistory: 1\n")
	for _, tag := range []string{"v1", "v2"} {
		registrytest.PushIndex(t, src+"/team/app:"+tag, 512, 1, 1)
		status, out := post(t, a.HTTP, "/v1/syncs", `{"source":{"image":"`+src+`/team/app:`+tag+`"},"target":{"image":"`+dst+`/team/app:`+tag+`"}}`)
		require.Equal(t, http.StatusOK, status, out)
	}
	status, out := call(t, a.HTTP, "", http.MethodGet, "/v1/syncs", "")
	require.Equal(t, http.StatusOK, status)
	assert.EqualValues(t, 1, out["total"])
}

// TestEventsHostWired: events.host names the registry of a payload that
// names none (the ACR webhook).
func TestEventsHostWired(t *testing.T) {
	body, err := os.ReadFile("../../events/testdata/acr-webhook-captured.json")
	require.NoError(t, err)
	a := newApp(t, "auth: {mode: none}\nevents: {host: reg.example.com}\n")
	status, out := post(t, a.HTTP, "/v1/events?dryRun=true", string(body))
	require.Equal(t, http.StatusOK, status, out)
	assert.Contains(t, out, `"registry": "reg.example.com"`)
}

// TestSigningKeysWired: a signing key's secret read from secretFile signs
// requests; auth.window widens the accepted skew (a signature 90 s old
// passes with window: 120s, and not with the default); the key's name and
// policy bound what it may sync, and a refusal names both.
func TestSigningKeysWired(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "hmac")
	require.NoError(t, os.WriteFile(secret, []byte(replaySecret+"\n"), 0o600))
	a := newApp(t, fmt.Sprintf(`auth:
  window: 120s
  signing: [{name: builder, policy: only-dst, secrets: [{secretFile: %s}]}]
policy:
  rules:
    only-dst: {sources: [{}], targets: [{registry: dst.example.com}]}
`, secret))
	send := func(body string, age time.Duration) (int, string) {
		r := httptest.NewRequest(http.MethodPost, "/v1/syncs", strings.NewReader(body))
		r.Header.Set(httpapi.SignatureHeader, httpapi.Sign([]byte(replaySecret), []byte(body), time.Now().Add(-age)))
		w := httptest.NewRecorder()
		a.HTTP.ServeHTTP(w, r)
		return w.Code, w.Body.String()
	}
	status, out := send(`{"source":{"image":"src.example.com/a:v1"},"target":{"image":"elsewhere.example.com/a:v1"}}`, 90*time.Second)
	assert.Equal(t, http.StatusForbidden, status, "signed 90 s ago, within the 120 s window, then refused by policy: "+out)
	assert.Contains(t, out, `principal builder: policy \"only-dst\" refuses target`)
}

// TestTokensWired: a token (its sha256 in auth.tokens) is a principal of
// that name, bounded by its policy, named in refusals.
func TestTokensWired(t *testing.T) {
	h, _, _ := readsApp(t)
	status, out := call(t, h, ciToken, http.MethodPost, "/v1/syncs",
		`{"source":{"image":"src.example.com/secret/app:v1"},"target":{"image":"dst.example.com/secret/app:v1"}}`)
	assert.Equal(t, http.StatusForbidden, status)
	assert.Contains(t, fmt.Sprint(out), `principal ci: policy "team" refuses source`)
	status, _ = call(t, h, "not-a-token-of-auth-tokens-000", http.MethodGet, "/v1/syncs", "")
	assert.Equal(t, http.StatusUnauthorized, status)
}

// TestPolicyRuleFieldsWired: each field of a policy rule's entries
// bounds what a principal may name: the source registry, the target's
// engine and region.
func TestPolicyRuleFieldsWired(t *testing.T) {
	a := newApp(t, fmt.Sprintf(`auth:
  tokens: [{name: ci, sha256: %x, policy: cn}]
policy:
  rules:
    cn:
      sources: [{registry: "src.example.com", repository: "team/**"}]
      targets: [{engine: registry, registry: "dst.example.com"}, {engine: acr, region: "cn-*"}]
`, sha256.Sum256([]byte(ciToken))))
	acr := func(region string) string {
		return `{"engine":"acr","region":"` + region + `","instance":"cri-a","namespace":"team","repository":"app"}`
	}
	for _, c := range []struct {
		body    string
		refused string
	}{
		{`{"source":{"image":"other.example.com/team/app:v1"},"target":{"image":"dst.example.com/team/app"}}`, "refuses source"},
		{`{"source":{"image":"src.example.com/team/app:v1"},"target":` + acr("us-west-1") + `}`, "refuses target"},
		{`{"source":{"image":"src.example.com/team/app:v1"},"target":{"image":"dst.example.com/team/app"},"engine":"acr"}`, ""},
		{`{"source":{"image":"src.example.com/team/app:v1"},"target":` + acr("cn-beijing") + `}`, ""},
	} {
		status, out := call(t, a.HTTP, ciToken, http.MethodPost, "/v1/syncs", c.body)
		if c.refused != "" {
			assert.Equal(t, http.StatusForbidden, status, c.body)
			assert.Contains(t, fmt.Sprint(out), c.refused)
		} else {
			assert.NotEqual(t, http.StatusForbidden, status, "%s: %v", c.body, out)
		}
	}
}

// TestConcurrentSyncsWired: limits.concurrentSyncs: 1 answers a second
// sync while one is in flight with 429 and Retry-After.
func TestConcurrentSyncsWired(t *testing.T) {
	held := newHeld(t)
	dst := registrytest.InMemory(t)
	a := newApp(t, "auth: {mode: none}\nlimits: {concurrentSyncs: 1}\n")
	first := make(chan int, 1)
	go func() {
		status, _ := post(t, a.HTTP, "/v1/syncs", `{"source":{"image":"`+held.Host+`/team/app:v1"},"target":{"image":"`+dst+`/team/app:v1"}}`)
		first <- status
	}()
	<-held.Arrived
	r := httptest.NewRequest(http.MethodPost, "/v1/syncs", strings.NewReader(`{"source":{"image":"`+held.Host+`/team/app:v1"},"target":{"image":"`+dst+`/other:v1"}}`))
	w := httptest.NewRecorder()
	a.HTTP.ServeHTTP(w, r)
	assert.Equal(t, http.StatusTooManyRequests, w.Code, w.Body.String())
	assert.Equal(t, "1", w.Header().Get("Retry-After"))
	held.Release()
	assert.Equal(t, http.StatusOK, <-first)
}

// TestRequestTimeoutWired: limits.requestTimeout is each request's
// deadline: a tick given 2 s starts no copy it cannot finish within it
// and asks to be run again (503), saying so.
func TestRequestTimeoutWired(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	registrytest.PushIndex(t, src+"/team/app:v1", 512, 1, 1)
	a := newApp(t, fmt.Sprintf(`auth: {mode: none}
limits: {requestTimeout: 2s}
jobs: [{name: mirror, sources: ["%s/team/app"], targets: [{image: "%s/team/app:${tag}"}]}]
`, src, dst))
	status, out := post(t, a.HTTP, "/v1/ticks", "")
	assert.Equal(t, http.StatusServiceUnavailable, status, out)
	assert.Contains(t, out, "syncs left when the deadline came near")
	assert.Empty(t, registrytest.Digest(t, dst+"/team/app:v1"))
}

// TestPruneWired: a job with prune: true deletes, in the repositories its
// owns lists, the target tags its filter selects (tags.semver) that are
// gone at the source; tags.latest bounds what it copies.
func TestPruneWired(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.Distribution(t, "") // deletes tags as registries do
	for _, tag := range []string{"1.0.0", "1.1.0", "1.2.0"} {
		registrytest.PushIndex(t, src+"/team/app:"+tag, 512, 1, 1)
	}
	registrytest.PushIndex(t, dst+"/team/app:0.9.0", 512, 1, 1) // gone at the source
	registrytest.PushIndex(t, dst+"/team/app:keep", 512, 1, 1)  // not selected by the filter
	a := newApp(t, fmt.Sprintf(`auth: {mode: none}
jobs:
  - name: mirror
    sources: ["%[1]s/team/app"]
    tags: {semver: ">=0.1", latest: 2}
    targets: [{image: "%[2]s/team/app:${tag}"}]
    prune: true
    owns: ["%[2]s/team/app"]
`, src, dst))
	out, err := a.Tick(context.Background(), nil, false)
	require.NoError(t, err)
	require.Len(t, out.Jobs, 1)
	assert.Equal(t, 2, out.Jobs[0].Copied, "latest: 2")
	assert.Equal(t, []string{dst + "/team/app:0.9.0"}, out.Jobs[0].Pruned)
	assert.Empty(t, registrytest.Digest(t, dst+"/team/app:0.9.0"))
	assert.Empty(t, registrytest.Digest(t, dst+"/team/app:1.0.0"), "not among the latest 2")
	assert.NotEmpty(t, registrytest.Digest(t, dst+"/team/app:keep"))
}

// TestScheduleShown: a job's schedule is what the status page shows for
// it.
func TestScheduleShown(t *testing.T) {
	a := newApp(t, `auth: {mode: none}
jobs: [{name: nightly, schedule: "17 3 * * *", sources: ["src.example.com/team/app"], targets: [{image: "dst.example.com/team/app:${tag}"}]}]
`)
	w := httptest.NewRecorder()
	a.HTTP.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/", nil))
	require.Equal(t, http.StatusOK, w.Code)
	assert.Contains(t, w.Body.String(), "17 3 * * *")
}

package httpapi_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/functions/app"
	"github.com/imagesync/imagesync/infra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const hookSecret = "Bearer hook-7c0e6d2a9b41f35e"

// wired builds the real App from config, with the counting engine as its
// registry engine; env holds the secrets the config names.
func wired(t *testing.T, config string, env map[string]string, eng *counting) (*app.App, *bytes.Buffer) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "imagesync.yaml")
	require.NoError(t, os.WriteFile(path, []byte(config), 0o600))
	cfg, err := infra.Load(path, func(k string) string { return env[k] })
	require.NoError(t, err)
	var logs bytes.Buffer
	a, err := app.Wire(cfg, infra.NewLogger(infra.Redacting(&logs, cfg.Secrets()), cfg.Log), core.WithEngine(eng))
	require.NoError(t, err)
	return a, &logs
}

const hookConfig = `
webhooks:
  distribution: {secrets: [{secretEnv: HOOK}]}
  harbor: {header: X-Harbor-Auth, secrets: [{secretEnv: HOOK}]}
auth:
  tokens: [{name: ops, sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08}]
onPush:
  - name: mirror
    match: {repository: "**"}
    targets: [{image: "dst.io/${path}:${tag}"}]
jobs:
  - {name: nightly, sources: ["src.io/team/app"], targets: [{image: "dst.io/team/app:${tag}"}]}
`

// distPush is a distribution notification of one tagged manifest push.
const distPush = `{"events":[{"id":"evt-1","timestamp":"2026-01-02T15:04:05Z","action":"push",
 "target":{"mediaType":"application/vnd.oci.image.index.v1+json","digest":"sha256:` + "fea8895f450959fa676bcc1df0611ea93823a735a01205fd8622846041d0c7cf" + `",
  "repository":"team/app","tag":"v1"},"request":{"id":"r","host":"src.io","method":"PUT"}}]}`

func sample(t *testing.T, name string) string {
	b, err := os.ReadFile(filepath.Join("../../events/testdata", name))
	require.NoError(t, err)
	return string(b)
}

// TestWebhookTenDeliveriesOneCopy: a distribution notification carrying
// the configured header is accepted; delivered ten times (five at once),
// it makes one copy per pushed image.
func TestWebhookTenDeliveriesOneCopy(t *testing.T) {
	eng := &counting{}
	a, logs := wired(t, hookConfig, map[string]string{"HOOK": hookSecret}, eng)
	body := distPush
	hdr := map[string]string{"Authorization": hookSecret}
	w := call(a.HTTP, "POST", "/v1/events", body, hdr)
	require.Equal(t, 200, w.Code, w.Body.String())
	first := eng.n()
	require.Equal(t, 1, first, w.Body.String())
	var wg sync.WaitGroup
	for range 5 {
		wg.Go(func() { assert.Equal(t, 200, call(a.HTTP, "POST", "/v1/events", body, hdr).Code) })
	}
	wg.Wait()
	for range 4 {
		w := call(a.HTTP, "POST", "/v1/events", body, hdr)
		assert.Equal(t, 200, w.Code)
	}
	assert.Equal(t, first, eng.n(), "ten deliveries, one copy each")
	assert.NotContains(t, logs.String(), "hook-7c0e6d2a9b41f35e")
}

func TestWebhookRefusals(t *testing.T) {
	eng := &counting{}
	a, logs := wired(t, hookConfig, map[string]string{"HOOK": hookSecret}, eng)
	dist := sample(t, "distribution-push.json")
	cases := []struct {
		name, body string
		hdr        map[string]string
		code       int
	}{
		{"no header", dist, nil, 401},
		{"wrong secret", dist, map[string]string{"Authorization": "Bearer guess"}, 401},
		{"secret in the wrong header", sample(t, "harbor-push-default.json"), map[string]string{"Authorization": hookSecret}, 401},
		{"harbor with its header", sample(t, "harbor-push-default.json"), map[string]string{"X-Harbor-Auth": hookSecret}, 200},
		{"a webhook secret does not run ticks", `{"jobs":["nightly"]}`, map[string]string{"Authorization": hookSecret}, 401},
		{"nor syncs", okBody, map[string]string{"Authorization": hookSecret}, 401},
		{"ecr has no webhook: API auth needed", sample(t, "ecr-push.json"), map[string]string{"Authorization": hookSecret}, 401},
		{"forced format is verified as that format", dist, map[string]string{"Authorization": hookSecret, "X-Imagesync-Format": "ecr"}, 401},
		{"an API token may post events", sample(t, "ecr-push.json"), map[string]string{"Authorization": "Bearer test"}, 200},
	}
	for _, c := range cases {
		path := "/v1/events?dryRun=true"
		if c.body == okBody {
			path = "/v1/syncs"
		}
		w := call(a.HTTP, "POST", path, c.body, c.hdr)
		assert.Equal(t, c.code, w.Code, c.name+": "+w.Body.String())
		if c.code == 401 {
			var e map[string]map[string]any
			require.NoError(t, json.Unmarshal(w.Body.Bytes(), &e))
			assert.Equal(t, "unauthorized", e["error"]["kind"], c.name)
		}
	}
	assert.Zero(t, eng.n(), "dry runs and refusals copy nothing")
	assert.NotContains(t, logs.String(), "hook-7c0e6d2a9b41f35e")
	assert.Equal(t, http.StatusOK, call(a.HTTP, "GET", "/healthz", "", nil).Code)
}

package app_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/imagesync/imagesync/functions/app"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func newConfigFile(t *testing.T, config string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "imagesync.yaml")
	require.NoError(t, os.WriteFile(path, []byte(config), 0o600))
	return path
}

func newApp(t *testing.T, config string) *app.App {
	t.Helper()
	path := newConfigFile(t, config)
	a, err := app.New(func(k string) string {
		if k == "IMAGESYNC_CONFIG" {
			return path
		}
		return ""
	}, io.Discard)
	require.NoError(t, err)
	return a
}

const everything = `
auth: {mode: none}
events: {host: registry.example.com}
onPush:
  - name: everything
    match: {repository: "**"}
    targets: [{image: "mirror.example.com/${path}:${tag}"}]
`

const withJob = everything + `jobs:
  - name: nightly
    sources: ["127.0.0.1:1/team/app"]
    targets: [{image: "mirror.example.com/${path}:${tag}"}]
`

// TestEverySampleDryRun posts every documented sample to /v1/events with
// dryRun: each answers 200 with what it decoded and either planned syncs or
// the reason nothing is to be done; no registry is touched (the mirror's
// host does not exist).
func TestEverySampleDryRun(t *testing.T) {
	a := newApp(t, everything)
	files, err := filepath.Glob("../../events/testdata/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			body, err := os.ReadFile(f)
			require.NoError(t, err)
			rec := httptest.NewRecorder()
			a.HTTP.ServeHTTP(rec, httptest.NewRequest("POST", "/v1/events?dryRun=true", bytes.NewReader(body)))
			if rec.Code == http.StatusNotFound && strings.Contains(rec.Body.String(), "no job named") {
				assert.Contains(t, string(body)+rec.Body.String(), "nginx", "a tick naming unknown jobs is refused")
				return
			}
			require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
			var out map[string]any
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &out))
			if out["tick"] != nil {
				return // no jobs are configured here: nothing to run
			}
			syncs, _ := out["syncs"].([]any)
			ignored, _ := out["ignored"].(string)
			assert.True(t, len(syncs) > 0 != (ignored != ""), "syncs xor ignored: %s", rec.Body.String())
			if len(syncs) > 0 {
				assert.NotEmpty(t, out["pushes"])
				assert.Contains(t, syncs[0].(map[string]any)["target"].(map[string]any)["image"], "mirror.example.com/")
			}
		})
	}
}

func TestUndecodableEventIs400(t *testing.T) {
	a := newApp(t, everything)
	for _, body := range []string{`not json`, `{"unknown": "shape"}`, `[1,2]`} {
		rec := httptest.NewRecorder()
		a.HTTP.ServeHTTP(rec, httptest.NewRequest("POST", "/v1/events", strings.NewReader(body)))
		assert.Equal(t, http.StatusBadRequest, rec.Code, body)
		assert.Contains(t, rec.Body.String(), `"kind": "invalid"`)
	}
}

func TestPlatformEventAcknowledgesPoison(t *testing.T) {
	a := newApp(t, everything)
	out, err := a.Event(t.Context(), []byte(`garbage`), nil)
	require.NoError(t, err, "a poison message is acknowledged, never retried forever")
	assert.NotEmpty(t, out.Ignored)
}

func TestPlatformTickNamingUnknownJobIsAcknowledged(t *testing.T) {
	a := newApp(t, everything)
	out, err := a.Event(t.Context(), []byte(`{"triggerTime":"2026-11-27T00:00:00Z","triggerName":"t","payload":"{\"jobs\":[\"gone\"]}"}`), nil)
	require.NoError(t, err)
	assert.Contains(t, out.Ignored, "no job named")
}

// A tick naming an unknown job is 404; one whose source cannot be reached
// answers 503 with its outcome. The request's deadline is 3 s: the engine
// gives up on the refused source before it, as it would after its 30 s
// outage window (which made this test the package's slowest).
func TestTickRoute(t *testing.T) {
	a := newApp(t, withJob+"limits: {requestTimeout: 3s}\n")
	rec := httptest.NewRecorder()
	a.HTTP.ServeHTTP(rec, httptest.NewRequest("POST", "/v1/ticks?dryRun=true", strings.NewReader(`{"jobs":["nope"]}`)))
	assert.Equal(t, http.StatusNotFound, rec.Code, rec.Body.String())

	rec = httptest.NewRecorder()
	a.HTTP.ServeHTTP(rec, httptest.NewRequest("POST", "/v1/ticks?dryRun=true", nil))
	assert.Equal(t, http.StatusServiceUnavailable, rec.Code, "an unreachable source may come back: the scheduler should retry")
	assert.Contains(t, rec.Body.String(), `"outcome"`, "and the caller still sees what happened")
	assert.Contains(t, rec.Body.String(), "listing tags")
}

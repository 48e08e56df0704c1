package app_test

import (
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/functions/app"
	"github.com/imagesync/imagesync/functions/httpapi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const replaySecret = "replay-test-secret-0123456789abcdef"

// TestReplayAcrossInstances: a captured signed sync is refused by the
// instance that accepted it, and accepted once by another instance (each
// remembers the signatures it saw, nothing is shared) within the window.
// There it is harmless: the sync is idempotent, the target already holds
// the digest, and nothing is written.
func TestReplayAcrossInstances(t *testing.T) {
	src := registrytest.InMemory(t)
	dst, writes := countingWrites(t)
	digest := registrytest.PushIndex(t, src+"/team/app:v1", 512, 1, 1)
	config := "auth:\n  signing: [{name: ci, secrets: [{secretEnv: REPLAY_SECRET}]}]\n"
	first, second := signedApp(t, config), signedApp(t, config) // two instances, one configuration

	body := `{"source":{"image":"` + src + `/team/app:v1"},"target":{"image":"` + dst + `/team/app:v1"}}`
	captured := httpapi.Sign([]byte(replaySecret), []byte(body), time.Now())
	send := func(a *app.App) (int, string) {
		r := httptest.NewRequest(http.MethodPost, "/v1/syncs", strings.NewReader(body))
		r.Header.Set(httpapi.SignatureHeader, captured)
		w := httptest.NewRecorder()
		a.HTTP.ServeHTTP(w, r)
		return w.Code, w.Body.String()
	}
	status, out := send(first)
	require.Equal(t, http.StatusOK, status, out)
	assert.Equal(t, digest, registrytest.Digest(t, dst+"/team/app:v1"))
	copied := writes.Load()
	require.NotZero(t, copied)

	status, out = send(first)
	assert.Equal(t, http.StatusUnauthorized, status, out)
	assert.Contains(t, out, "used already")

	status, out = send(second)
	require.Equal(t, http.StatusOK, status, "another instance does not know the signature: "+out)
	assert.Contains(t, out, `"skipped": true`)
	assert.Equal(t, copied, writes.Load(), "the replay wrote nothing")
	assert.Equal(t, digest, registrytest.Digest(t, dst+"/team/app:v1"))
}

// TestDefaultSignatureWindow: with no auth.window, a signature made 90 s
// ago is refused: the window that bounds a replay to another instance is
// 60 s either way.
func TestDefaultSignatureWindow(t *testing.T) {
	a := signedApp(t, "auth:\n  signing: [{name: ci, secrets: [{secretEnv: REPLAY_SECRET}]}]\n")
	body := `{"source":{"image":"r.io/team/app:v1"},"target":{"image":"s.io/team/app:v1"},"dryRun":true}`
	for age, want := range map[time.Duration]string{90 * time.Second: "outside the 1m0s window", -90 * time.Second: "outside the 1m0s window"} {
		r := httptest.NewRequest(http.MethodPost, "/v1/syncs", strings.NewReader(body))
		r.Header.Set(httpapi.SignatureHeader, httpapi.Sign([]byte(replaySecret), []byte(body), time.Now().Add(-age)))
		w := httptest.NewRecorder()
		a.HTTP.ServeHTTP(w, r)
		assert.Equal(t, http.StatusUnauthorized, w.Code, w.Body.String())
		assert.Contains(t, w.Body.String(), want)
	}
}

// signedApp is an instance whose signing secret comes from REPLAY_SECRET.
func signedApp(t *testing.T, config string) *app.App {
	path := filepath.Join(t.TempDir(), "imagesync.yaml")
	require.NoError(t, os.WriteFile(path, []byte(config), 0o600))
	a, err := app.New(func(k string) string {
		return map[string]string{"IMAGESYNC_CONFIG": path, "REPLAY_SECRET": replaySecret}[k]
	}, io.Discard)
	require.NoError(t, err)
	return a
}

// countingWrites starts an in-memory registry that counts the requests
// that write (anything but GET and HEAD).
func countingWrites(t *testing.T) (string, *atomic.Int64) {
	writes := &atomic.Int64{}
	reg := registry.New(registry.Logger(log.New(io.Discard, "", 0)))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			writes.Add(1)
		}
		reg.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://"), writes
}

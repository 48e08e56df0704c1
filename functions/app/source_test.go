package app_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"net/http/httptest"
	"testing"

	"github.com/imagesync/imagesync/functions/app"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHealthNamesTheConfigSource: GET /healthz says where the
// configuration came from and its digest, never its content; the log
// says which source won over which.
func TestHealthNamesTheConfigSource(t *testing.T) {
	doc := "auth: {mode: none}\nevents: {host: secret-looking-host.example.com}\n"
	path := newConfigFile(t, "history: 5\n")
	var logs bytes.Buffer
	a, err := app.New(func(k string) string {
		return map[string]string{"IMAGESYNC_CONFIG_YAML": doc, "IMAGESYNC_CONFIG": ""}[k]
	}, &logs)
	require.NoError(t, err)
	rec := httptest.NewRecorder()
	a.HTTP.ServeHTTP(rec, httptest.NewRequest("GET", "/healthz", nil))
	sum := sha256.Sum256([]byte(doc))
	assert.JSONEq(t, `{"status":"ok","engines":["registry"],"config":{"source":"env","digest":"sha256:`+
		hex.EncodeToString(sum[:])+`"}}`, rec.Body.String())
	assert.NotContains(t, rec.Body.String(), "secret-looking-host")

	logs.Reset()
	_, err = app.New(func(k string) string {
		return map[string]string{"IMAGESYNC_CONFIG_YAML": doc, "IMAGESYNC_CONFIG": path}[k]
	}, &logs)
	require.NoError(t, err)
	assert.Contains(t, logs.String(), `"source":"`+path+`"`)
	assert.Contains(t, logs.String(), `"ignored":["env"]`, "the document in the environment lost to the path")
}

package infra_test

import (
	"bytes"
	"log/slog"
	"testing"

	"github.com/imagesync/imagesync/infra"
	"github.com/stretchr/testify/assert"
)

func TestRedactingLogger(t *testing.T) {
	var buf bytes.Buffer
	secrets := [][]byte{[]byte("hmac-secret-0123456789"), []byte(`quote"and\slash-secret`), []byte("ab")}
	log := infra.NewLogger(infra.Redacting(&buf, secrets), infra.LogConfig{})
	log.Info("upstream said", slog.String("error", "GET https://bob:hunter2@r.io/v2/: 401; key hmac-secret-0123456789"),
		slog.String("odd", `quote"and\slash-secret`))
	text := infra.NewLogger(infra.Redacting(&buf, secrets), infra.LogConfig{Format: "text"})
	text.Warn("x", slog.String("u", "docker://alice:pw@h.io/a"))
	out := buf.String()
	for _, s := range []string{"hmac-secret", "hunter2", "bob:", `slash-secret`, "alice:pw"} {
		assert.NotContains(t, out, s)
	}
	assert.Contains(t, out, "https://[REDACTED]@r.io/v2/")
}

// An upload URL's state never reaches a log line, as JSON or as text.
func TestRedactingLoggerUploadState(t *testing.T) {
	var buf bytes.Buffer
	msg := `Put "http://r.io/v2/app/blobs/uploads/4f2e?_state=eyJOYW1lIjoiYXBwIn0%3D&digest=sha256:ab": context canceled`
	infra.NewLogger(infra.Redacting(&buf, nil), infra.LogConfig{}).Warn("sync", slog.String("error", msg))
	infra.NewLogger(infra.Redacting(&buf, nil), infra.LogConfig{Format: "text"}).Warn("sync", slog.String("error", msg))
	assert.NotContains(t, buf.String(), "eyJOYW1l")
	assert.Contains(t, buf.String(), "_state=REDACTED")
}

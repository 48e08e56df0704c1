package infra_test

import (
	"bytes"
	"log/slog"
	"testing"
	"time"

	"github.com/imagesync/imagesync/infra"
	"github.com/stretchr/testify/assert"
)

// Log lines carry durations as people read them, in both formats (they
// were raw nanoseconds: "took":364409025).
func TestLoggerWritesHumanDurations(t *testing.T) {
	for _, format := range []string{"json", "text"} {
		var b bytes.Buffer
		infra.NewLogger(&b, infra.LogConfig{Format: format}).Info("sync", slog.Duration("took", 2345*time.Millisecond),
			slog.Duration("wait", 41*time.Millisecond+300*time.Microsecond))
		assert.Contains(t, b.String(), map[string]string{"json": `"took":"2.3s"`, "text": `took=2.3s`}[format])
		assert.Contains(t, b.String(), map[string]string{"json": `"wait":"41ms"`, "text": `wait=41ms`}[format])
	}
	for d, want := range map[time.Duration]string{
		64*time.Second + 480*time.Millisecond: "1m4.5s",
		999 * time.Microsecond:                "999µs",
		-1500 * time.Millisecond:              "-1.5s",
		0:                                     "0s",
	} {
		assert.Equal(t, want, infra.HumanDuration(d))
	}
}

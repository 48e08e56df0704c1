package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEventFunction runs the built binary as a custom runtime against the
// runtime API stand-in and delivers a timer event and an SWR push (CTS).
func TestEventFunction(t *testing.T) {
	rt := newFakeRuntime(t)
	stderr := start(t, []string{"events"}, "RUNTIME_API_ADDR="+rt.Addr(), "RUNTIME_TIMEOUT=30")
	for i, file := range []string{"fg-timer.json", "swr-cts-push.json"} {
		payload, err := os.ReadFile(filepath.Join("testdata", file))
		require.NoError(t, err)
		res := rt.Invoke(t, "fg-"+string(rune('1'+i)), string(payload))
		assert.Equal(t, "error", res.kind, string(res.body))
		assert.Contains(t, string(res.body), "not wired")
	}
	assert.NotContains(t, stderr.String(), "not-to-be-logged")
}

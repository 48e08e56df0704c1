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
	for i, c := range []struct{ file, want string }{
		{"fg-timer.json", `"format":"fg-timer"`},
		{"swr-cts-push.json", `"repository":"team/web"`},
	} {
		payload, err := os.ReadFile(filepath.Join("testdata", c.file))
		require.NoError(t, err)
		res := rt.Invoke(t, "fg-"+string(rune('1'+i)), string(payload))
		require.Equal(t, "response", res.kind, string(res.body))
		assert.Contains(t, string(res.body), c.want)
	}
	assert.NotContains(t, stderr.String(), "not-to-be-logged")
}

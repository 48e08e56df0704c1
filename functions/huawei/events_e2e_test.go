package main

import (
	"testing"

	"github.com/imagesync/imagesync/functions/platform/platformtest"
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
		res := rt.Invoke(t, "fg-"+string(rune('1'+i)), string(platformtest.Testdata(t, c.file)))
		require.Equal(t, "response", res.Kind, string(res.Body))
		assert.Contains(t, string(res.Body), c.want)
	}
	assert.NotContains(t, stderr.String(), "not-to-be-logged")
}

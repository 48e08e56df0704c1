package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBootstrapEvents delivers EventBridge payloads to the built binary: each
// is decoded by App.Event and answered (an undecodable one too: a poison
// event is acknowledged, never thrown back at Lambda to retry).
func TestBootstrapEvents(t *testing.T) {
	rt := newFakeRuntime(t)
	startFunction(t, bootstrap(t), rt)
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		require.NoError(t, err)
		return string(b)
	}
	cases := []struct{ id, payload, want string }{
		{"schedule-1", read("scheduled-event.json"), `"format":"aws-schedule"`},
		{"ecr-1", read("ecr-image-push.json"), `"repository":"my-repository-name"`},
		{"poison-1", `{"hello":"world"}`, `"ignored":`},
	}
	for _, c := range cases {
		res := rt.Invoke(t, c.id, c.payload)
		require.Equal(t, "response", res.kind, string(res.body))
		assert.Contains(t, string(res.body), c.want)
	}
}

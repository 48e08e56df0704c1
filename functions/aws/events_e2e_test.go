package main

import (
	"testing"

	"github.com/imagesync/imagesync/functions/platform/platformtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBootstrapEvents delivers EventBridge payloads to the built binary: each
// is decoded by App.Event and answered (an undecodable one too: a poison
// event is acknowledged, never thrown back at Lambda to retry).
func TestBootstrapEvents(t *testing.T) {
	rt := newFakeRuntime(t)
	startFunction(t, rt)
	read := func(name string) string { return string(platformtest.Testdata(t, name)) }
	cases := []struct{ id, payload, want string }{
		{"schedule-1", read("scheduled-event.json"), `"format":"aws-schedule"`},
		{"ecr-1", read("ecr-image-push.json"), `"repository":"my-repository-name"`},
		{"poison-1", `{"hello":"world"}`, `"ignored":`},
	}
	for _, c := range cases {
		res := rt.Invoke(t, c.id, c.payload)
		require.Equal(t, "response", res.Kind, string(res.Body))
		assert.Contains(t, string(res.Body), c.want)
	}
}

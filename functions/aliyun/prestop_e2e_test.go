package main

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/functions/platform/platformtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lifecycleRuntime is the FC runtime stand-in whose invocations named
// "prestop-…" are the PreStop hook (x-fc-function-type 2), as FC calls it
// before it destroys an instance.
func lifecycleRuntime(t *testing.T) *platformtest.Runtime {
	return platformtest.NewRuntime(t, platformtest.API{
		Next:     "GET /2020-11-11/runtime/invocation/next",
		Response: "POST /2020-11-11/runtime/invocation/{id}/response",
		Error:    "POST /2020-11-11/runtime/invocation/{id}/error",
		Headers: func(h http.Header, reqID string) {
			h.Set("x-fc-request-id", reqID)
			h.Set("x-fc-function-deadline", strconv.FormatInt(time.Now().Add(2*time.Minute).UnixMilli(), 10))
			h.Set("x-fc-function-timeout", "120")
			if strings.HasPrefix(reqID, "prestop-") {
				h.Set("x-fc-function-type", "2")
			}
		},
	})
}

// TestPreStopStopsInvocations: FC's PreStop hook, called while a timer's
// job is syncing (its source holds the manifest read), lets the
// invocation go on within server.shutdownGrace, or cancels it past the
// grace; the invocation is answered either way.
func TestPreStopStopsInvocations(t *testing.T) {
	for _, c := range []struct {
		name, grace string
		release     bool
		want        string
	}{
		{"within the grace", "60s", true, `"copied":1`},
		{"past the grace", "1s", false, `"canceled"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			src, dst := registrytest.NewHeld(t, "team/app"), registrytest.InMemory(t)
			registrytest.PushIndex(t, src.Host+"/team/app:v1", 512, 1, 1)
			src.Arm()
			config := filepath.Join(t.TempDir(), "imagesync.yaml")
			require.NoError(t, os.WriteFile(config, []byte(fmt.Sprintf(`server: {shutdownGrace: %s}
jobs: [{name: mirror, sources: ["%s/team/app"], targets: [{image: "%s/team/app:${tag}"}]}]
`, c.grace, src.Host, dst)), 0o600))
			rt := lifecycleRuntime(t)
			startFunction(t, rt, "IMAGESYNC_CONFIG="+config)
			rt.Queue("tick-1", string(platformtest.Testdata(t, "timer.json")))
			<-src.Arrived
			rt.Queue("prestop-1", "")
			if c.release {
				src.Release()
			}
			got := rt.WaitAll(t, "tick-1", "prestop-1")
			assert.Contains(t, string(got["tick-1"].Body), c.want)
			assert.Equal(t, "response", got["prestop-1"].Kind)
		})
	}
}

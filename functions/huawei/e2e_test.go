package main

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/adapters/swr/swrtest"
	"github.com/imagesync/imagesync/functions/platform/platformtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	// deploy is the registries the artifacts' configuration names; that
	// configuration also turns the swr engine on (its API: the emulator
	// that IMAGESYNC_SWR_ENDPOINT names).
	deploy = platformtest.NewDeploy()
	config = deploy.Config() + "swr: {region: cn-north-4, projectId: " + swrtest.TestProjectID + "}\n"
	// httpZip and eventsZip are build/huawei/imagesync-huawei-{http,events}.zip
	// as make build-huawei CONFIG=... GOARCH=<host> makes them, unpacked.
	httpZip   = platformtest.Artifact{Target: "build-huawei", Zip: "huawei/imagesync-huawei-http.zip", Config: config}
	eventsZip = platformtest.Artifact{Target: "build-huawei", Zip: "huawei/imagesync-huawei-events.zip", Config: config}
	// binary is imagesync-fg alone, for tests that hand their own
	// configuration.
	binary = platformtest.Binary{Artifact: &httpZip, Name: "imagesync-fg"}
)

func TestMain(m *testing.M) { platformtest.Main(m, &binary, &httpZip, &eventsZip) }

// start runs the built binary with args and env; its stderr is returned.
func start(t testing.TB, args []string, env ...string) *platformtest.Output {
	t.Helper()
	stderr := &platformtest.Output{}
	// APIG authenticates callers of a FunctionGraph HTTP function.
	cmd := platformtest.Command(binary.Path(t), args, append([]string{"IMAGESYNC_AUTH_MODE=none"}, env...)...)
	cmd.Stderr = stderr
	platformtest.Run(t, cmd)
	return stderr
}

// TestHTTPFunction serves the built binary on a free port, as FunctionGraph
// runs an HTTP function's bootstrap, and syncs a real image through it.
func TestHTTPFunction(t *testing.T) {
	addr := registrytest.FreeAddr(t)
	host, port, _ := strings.Cut(addr, ":")
	start(t, []string{"serve"}, "HOST="+host, "PORT="+port)
	registrytest.WaitHTTP(t, "http://"+addr+"/healthz")

	sync := platformtest.NewSync(t)
	res, err := http.Post("http://"+addr+"/v1/syncs", "application/json", strings.NewReader(sync.Body))
	require.NoError(t, err)
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	require.Equal(t, 200, res.StatusCode, string(b))
	assert.Equal(t, sync.Digest, sync.Copied(t))
}

func TestUsage(t *testing.T) {
	var stderr bytes.Buffer
	for _, args := range [][]string{{"bogus"}, {"serve", "extra"}} {
		assert.Equal(t, 2, run(t.Context(), args, &stderr, func(string) string { return "" }), args)
	}
	assert.Equal(t, 1, run(t.Context(), []string{"events"}, &stderr, func(string) string { return "" }),
		"events mode needs RUNTIME_API_ADDR")
}

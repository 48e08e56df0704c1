package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"testing"

	fcevents "github.com/aliyun/fc-runtime-go-sdk/events"
	"github.com/imagesync/imagesync/adapters/acr/acrtest"
	"github.com/imagesync/imagesync/functions/platform/platformtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	// deploy is the registries the artifact's configuration names.
	deploy = platformtest.NewDeploy()
	// artifact is build/aliyun/imagesync-aliyun.zip as make build-aliyun
	// CONFIG=... GOARCH=<host> makes it, unpacked.
	artifact = platformtest.Artifact{Target: "build-aliyun", Zip: "aliyun/imagesync-aliyun.zip", Config: deploy.Config()}
	// binary is the artifact's binary alone, for tests that hand their own
	// configuration.
	binary = platformtest.Binary{Artifact: &artifact, Name: "main"}
)

func TestMain(m *testing.M) { platformtest.Main(m, &binary, &artifact) }

// command runs the built binary against rt with env, as FC would.
func command(bin string, rt *platformtest.Runtime, env ...string) *exec.Cmd {
	return platformtest.Command(bin, nil, append(env, "FC_RUNTIME_API="+rt.Addr(), "IMAGESYNC_LOG_LEVEL=warn",
		"IMAGESYNC_AUTH_MODE=none")...) // the HTTP trigger (authType function) authenticates callers
}

func startFunction(t testing.TB, rt *platformtest.Runtime, env ...string) {
	t.Helper()
	cmd := command(binary.Path(t), rt, env...)
	cmd.Stderr = os.Stderr
	platformtest.Run(t, cmd)
}

func httpTrigger(method, path, body string) string {
	ctype := "application/json"
	e := fcevents.HTTPTriggerEvent{RawPath: &path, Body: &body, Headers: &map[string]string{"Content-Type": ctype}}
	e.TriggerContext.Http.Method = &method
	b, _ := json.Marshal(e)
	return string(b)
}

func answer(t *testing.T, r platformtest.Result) fcevents.HTTPTriggerResponse {
	t.Helper()
	require.Equal(t, "response", r.Kind, string(r.Body))
	var out fcevents.HTTPTriggerResponse
	require.NoError(t, json.Unmarshal(r.Body, &out))
	return out
}

// TestBinaryEndToEnd runs the built binary against the FC runtime stand-in:
// an HTTP trigger event copies a real image between two registries, an ACR
// EE sync is signed with the invocation's STS credentials, and a timer and
// an EventBridge acs.cr push are decoded by App.Event.
func TestBinaryEndToEnd(t *testing.T) {
	sync := platformtest.NewSync(t)
	emu := acrtest.New()
	t.Cleanup(emu.Close)
	emu.AddAccessKey("STS.invocation", "sts-secret", "sts-token")
	emu.AddRepository("cn-beijing", "cri-hpdfkc6utbaq", "ns1", "repo1")
	emu.AddInstance("cn-hangzhou", "cri-ibxs3piklys3")
	rt := newFakeRuntime(t, "STS.invocation", "sts-secret", "sts-token")
	startFunction(t, rt, "IMAGESYNC_ACR_ENDPOINT="+emu.URL, "FC_REGION=cn-beijing")

	out := answer(t, rt.Invoke(t, "fc-1", httpTrigger("GET", "/healthz", "")))
	assert.Equal(t, 200, out.StatusCode, out.Body)
	assert.Contains(t, out.Body, `"acr"`)

	out = answer(t, rt.Invoke(t, "fc-2", httpTrigger("POST", "/v1/syncs", sync.Body)))
	require.Equal(t, 200, out.StatusCode, out.Body)
	assert.Equal(t, "fc-2", out.Headers["X-Request-Id"])
	assert.Equal(t, sync.Digest, sync.Copied(t))

	body := `{"source":{"engine":"acr","region":"cn-beijing","instance":"cri-hpdfkc6utbaq","namespace":"ns1","repository":"repo1","tag":"tag1"},
		"target":{"engine":"acr","region":"cn-hangzhou","instance":"cri-ibxs3piklys3","namespace":"ns1","repository":"repo1"}}`
	out = answer(t, rt.Invoke(t, "fc-3", httpTrigger("POST", "/v1/syncs", body)))
	require.Equal(t, 202, out.StatusCode, out.Body)
	// The emulator records only calls signed by a key it knows, with the
	// token that goes with it: the function knows none but the invocation's.
	require.Len(t, emu.Calls("CreateRepoSyncTask"), 1)
	assert.NotContains(t, out.Body, "sts-secret")

	for i, c := range []struct{ file, want string }{
		{"timer.json", `"format":"fc-timer"`},
		{"eventbridge-acr-push.json", `"repository":"scan/mix-vuls"`},
	} {
		res := rt.Invoke(t, fmt.Sprintf("fc-ev-%d", i), string(platformtest.Testdata(t, c.file)))
		require.Equal(t, "response", res.Kind, string(res.Body))
		assert.Contains(t, string(res.Body), c.want)
	}
}

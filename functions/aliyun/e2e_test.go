package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	fcevents "github.com/aliyun/fc-runtime-go-sdk/events"
	"github.com/imagesync/imagesync/adapters/acr/acrtest"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	buildOnce sync.Once
	buildDir  string
	buildErr  error
)

// binary builds the function as the Makefile does, for the host, once.
func binary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		if buildDir, buildErr = os.MkdirTemp("", "imagesync-fc-"); buildErr != nil {
			return
		}
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w", "-o", filepath.Join(buildDir, "main"), ".")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("%v: %s", err, out)
		}
	})
	require.NoError(t, buildErr)
	return filepath.Join(buildDir, "main")
}

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		_ = os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

func startFunction(t testing.TB, rt *fakeRuntime, env ...string) {
	t.Helper()
	cmd := exec.Command(binary(t))
	cmd.Env = append(os.Environ(), append(env, "FC_RUNTIME_API="+rt.Addr(), "IMAGESYNC_LOG_LEVEL=warn",
		"IMAGESYNC_AUTH_MODE=none")...) // the HTTP trigger (authType function) authenticates callers
	cmd.Stderr = os.Stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
}

func httpTrigger(method, path, body string) string {
	ctype := "application/json"
	e := fcevents.HTTPTriggerEvent{RawPath: &path, Body: &body, Headers: &map[string]string{"Content-Type": ctype}}
	e.TriggerContext.Http.Method = &method
	b, _ := json.Marshal(e)
	return string(b)
}

func answer(t *testing.T, r result) fcevents.HTTPTriggerResponse {
	t.Helper()
	require.Equal(t, "response", r.kind, string(r.body))
	var out fcevents.HTTPTriggerResponse
	require.NoError(t, json.Unmarshal(r.body, &out))
	return out
}

// TestBinaryEndToEnd runs the built binary against the FC runtime stand-in:
// an HTTP trigger event copies a real image between two registries, an ACR
// EE sync is signed with the invocation's STS credentials, and a timer and
// an EventBridge acs.cr push are decoded by App.Event.
func TestBinaryEndToEnd(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	digest := registrytest.PushIndex(t, src+"/team/app:v1", 4096, 2, 2)
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

	body := fmt.Sprintf(`{"source":{"image":"%s/team/app:v1"},"target":{"image":"%s/mirror/app:v1"}}`, src, dst)
	out = answer(t, rt.Invoke(t, "fc-2", httpTrigger("POST", "/v1/syncs", body)))
	require.Equal(t, 200, out.StatusCode, out.Body)
	assert.Equal(t, "fc-2", out.Headers["X-Request-Id"])
	assert.Equal(t, digest, registrytest.Digest(t, dst+"/mirror/app:v1"))

	body = `{"source":{"engine":"acr","region":"cn-beijing","instance":"cri-hpdfkc6utbaq","namespace":"ns1","repository":"repo1","tag":"tag1"},
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
		b, err := os.ReadFile(filepath.Join("testdata", c.file))
		require.NoError(t, err)
		res := rt.Invoke(t, fmt.Sprintf("fc-ev-%d", i), string(b))
		require.Equal(t, "response", res.kind, string(res.body))
		assert.Contains(t, string(res.body), c.want)
	}
}

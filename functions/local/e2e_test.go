package main

import (
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// buildBinary builds the imagesync binary once per test run.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "imagesync")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, string(out))
	return bin
}

func startServer(t *testing.T, bin string) string {
	t.Helper()
	addr := registrytest.FreeAddr(t)
	cmd := exec.Command(bin, "serve", "--addr", addr)
	cmd.Stderr = os.Stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	registrytest.WaitHTTP(t, "http://"+addr+"/healthz")
	return "http://" + addr
}

func post(t *testing.T, url, body string) (int, map[string]any) {
	t.Helper()
	res, err := http.Post(url+"/v1/syncs", "application/json", strings.NewReader(body))
	require.NoError(t, err)
	defer res.Body.Close()
	var out map[string]any
	require.NoError(t, json.NewDecoder(res.Body).Decode(&out))
	return res.StatusCode, out
}

func syncBody(src, dst, extra string) string {
	return `{"source":{"image":"` + src + `"},"target":{"image":"` + dst + `"}` + extra + `}`
}

// TestEndToEndDistribution runs the real binary against two real
// docker-registry processes: a multi-arch copy over HTTP, a skip, a refused
// conflict, an override, and the same copy from the command line.
func TestEndToEndDistribution(t *testing.T) {
	src, dst := registrytest.Distribution(t, ""), registrytest.Distribution(t, "")
	bin := buildBinary(t)
	api := startServer(t, bin)
	d1 := registrytest.PushIndex(t, src+"/team/app:v1", 256<<10, 3, 3)
	d2 := registrytest.PushIndex(t, src+"/team/app:v2", 64<<10, 2, 2)

	status, task := post(t, api, syncBody(src+"/team/app:v1", dst+"/mirror/app:v1", ""))
	require.Equal(t, 200, status, task)
	assert.Equal(t, d1, task["digest"])
	assert.Equal(t, d1, registrytest.Digest(t, dst+"/mirror/app:v1"))

	status, task = post(t, api, syncBody(src+"/team/app:v1", dst+"/mirror/app:v1", ""))
	require.Equal(t, 200, status, task)
	assert.Equal(t, true, task["skipped"])

	status, task = post(t, api, syncBody(src+"/team/app:v2", dst+"/mirror/app:v1", ""))
	require.Equal(t, 409, status, task)
	assert.Equal(t, d1, registrytest.Digest(t, dst+"/mirror/app:v1"))

	status, task = post(t, api, syncBody(src+"/team/app:v2", dst+"/mirror/app:v1", `,"override":true`))
	require.Equal(t, 200, status, task)
	assert.Equal(t, d2, registrytest.Digest(t, dst+"/mirror/app:v1"))

	out, err := exec.Command(bin, "sync", src+"/team/app:v1", dst+"/cli/app:v1").Output()
	require.NoError(t, err)
	assert.Contains(t, string(out), d1)
	assert.Equal(t, d1, registrytest.Digest(t, dst+"/cli/app:v1"))

	cmd := exec.Command(bin, "sync", src+"/team/app:v2", dst+"/cli/app:v1")
	require.Error(t, cmd.Run())
	assert.Equal(t, 1, cmd.ProcessState.ExitCode(), "a refused sync exits 1")
}

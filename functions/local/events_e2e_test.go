package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// serveWith starts the binary on addr with the given configuration.
func serveWith(t *testing.T, bin, addr, config string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "imagesync.yaml")
	require.NoError(t, os.WriteFile(path, []byte(config), 0o600))
	cmd := exec.Command(bin, "serve", "--addr", addr, "--config", path)
	cmd.Stderr = os.Stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	registrytest.WaitHTTP(t, "http://"+addr+"/healthz")
	return "http://" + addr
}

// TestEndToEndPushNotification: a push to a docker-registry whose
// notifications point at imagesync makes the same image appear in a second
// registry, with no other call.
func TestEndToEndPushNotification(t *testing.T) {
	bin := buildBinary(t)
	addr := registrytest.FreeAddr(t)
	src := registrytest.Distribution(t, fmt.Sprintf(`notifications:
  endpoints:
    - name: imagesync
      url: http://%s/v1/events
      timeout: 5s
      threshold: 5
      backoff: 1s
`, addr))
	dst := registrytest.Distribution(t, "")
	serveWith(t, bin, addr, fmt.Sprintf(`onPush:
  - name: mirror
    match: {registry: %q, repository: "team/**", tags: {exclude: ["tmp-.*"]}}
    targets: [{image: "%s/mirror/${path}:${tag}"}]
`, src, dst))

	want := registrytest.PushIndex(t, src+"/team/app:v1", 32<<10, 2, 2)
	registrytest.PushIndex(t, src+"/team/app:tmp-1", 1024, 1, 1)
	deadline := time.Now().Add(30 * time.Second)
	for registrytest.Digest(t, dst+"/mirror/team/app:v1") != want && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	assert.Equal(t, want, registrytest.Digest(t, dst+"/mirror/team/app:v1"))
	time.Sleep(500 * time.Millisecond)
	assert.Empty(t, registrytest.Digest(t, dst+"/mirror/team/app:tmp-1"), "excluded tags are not synced")
}

// TestEndToEndTick: a tick runs a job over a repository of 24 tags of which
// some are in place already and some changed since: it copies exactly the
// missing and changed ones.
func TestEndToEndTick(t *testing.T) {
	bin := buildBinary(t)
	src, dst := registrytest.Distribution(t, ""), registrytest.Distribution(t, "")
	api := serveWith(t, bin, registrytest.FreeAddr(t), fmt.Sprintf(`jobs:
  - name: mirror
    sources: ["%s/team/app"]
    tags: {semver: ">=1.0.0"}
    targets: [{image: "%s/team/app:${tag}", override: true}]
`, src, dst))
	digests := map[string]string{}
	for i := range 24 {
		tag := fmt.Sprintf("1.%d.0", i)
		digests[tag] = registrytest.PushIndex(t, src+"/team/app:"+tag, 512, 1, 1)
	}
	registrytest.PushIndex(t, src+"/team/app:latest", 512, 1, 1)
	for i := range 8 { // already in place
		tag := fmt.Sprintf("1.%d.0", i)
		registrytest.Copy(t, src+"/team/app:"+tag, dst+"/team/app:"+tag)
	}
	for i := range 2 { // changed at the source since
		tag := fmt.Sprintf("1.%d.0", i)
		digests[tag] = registrytest.PushIndex(t, src+"/team/app:"+tag, 512, 1, 1)
	}

	res, err := http.Post(api+"/v1/ticks", "application/json", strings.NewReader(`{"jobs":["mirror"]}`))
	require.NoError(t, err)
	defer res.Body.Close()
	var out struct {
		Jobs []struct {
			Name            string
			Copied, Skipped int
			Failed          []any
		}
	}
	require.NoError(t, json.NewDecoder(res.Body).Decode(&out))
	require.Equal(t, 200, res.StatusCode)
	require.Len(t, out.Jobs, 1)
	assert.Equal(t, 18, out.Jobs[0].Copied, "16 missing + 2 changed")
	assert.Equal(t, 6, out.Jobs[0].Skipped)
	assert.Empty(t, out.Jobs[0].Failed)
	for tag, d := range digests {
		assert.Equal(t, d, registrytest.Digest(t, dst+"/team/app:"+tag), tag)
	}
	assert.Empty(t, registrytest.Digest(t, dst+"/team/app:latest"), "latest is not a version")
}

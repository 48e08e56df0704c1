package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	buildOnce sync.Once
	buildDir  string
	buildErr  error
)

// binary builds imagesync-fg as the Makefile does, for the host, once.
func binary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		if buildDir, buildErr = os.MkdirTemp("", "imagesync-fg-"); buildErr != nil {
			return
		}
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w", "-o", filepath.Join(buildDir, "imagesync-fg"), ".")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("%v: %s", err, out)
		}
	})
	require.NoError(t, buildErr)
	return filepath.Join(buildDir, "imagesync-fg")
}

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		_ = os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// start runs the built binary with args and env; its stderr is returned.
func start(t testing.TB, args []string, env ...string) *bytes.Buffer {
	t.Helper()
	var stderr bytes.Buffer
	cmd := exec.Command(binary(t), args...)
	// APIG authenticates callers of a FunctionGraph HTTP function.
	cmd.Env = append(append(os.Environ(), "IMAGESYNC_AUTH_MODE=none"), env...)
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return &stderr
}

// TestHTTPFunction serves the built binary on a free port, as FunctionGraph
// runs an HTTP function's bootstrap, and syncs a real image through it.
func TestHTTPFunction(t *testing.T) {
	addr := registrytest.FreeAddr(t)
	host, port, _ := strings.Cut(addr, ":")
	start(t, []string{"serve"}, "HOST="+host, "PORT="+port)
	registrytest.WaitHTTP(t, "http://"+addr+"/healthz")

	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	digest := registrytest.PushIndex(t, src+"/team/app:v1", 4096, 2, 2)
	body := fmt.Sprintf(`{"source":{"image":"%s/team/app:v1"},"target":{"image":"%s/mirror/app:v1"}}`, src, dst)
	res, err := http.Post("http://"+addr+"/v1/syncs", "application/json", strings.NewReader(body))
	require.NoError(t, err)
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	require.Equal(t, 200, res.StatusCode, string(b))
	assert.Equal(t, digest, registrytest.Digest(t, dst+"/mirror/app:v1"))
}

func TestUsage(t *testing.T) {
	var stderr bytes.Buffer
	for _, args := range [][]string{{"bogus"}, {"serve", "extra"}} {
		assert.Equal(t, 2, run(t.Context(), args, &stderr, func(string) string { return "" }), args)
	}
	assert.Equal(t, 1, run(t.Context(), []string{"events"}, &stderr, func(string) string { return "" }),
		"events mode needs RUNTIME_API_ADDR")
}

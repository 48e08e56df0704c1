package main

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/functions/platform/platformtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEventFunctionShutdown sends SIGTERM to the custom runtime while a
// timer's job is syncing (its source holds the manifest read): the
// invocation goes on within server.shutdownGrace and is reported, or is
// cancelled past it and reported so; then the process exits 0.
func TestEventFunctionShutdown(t *testing.T) {
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
			rt := newFakeRuntime(t)
			cmd := platformtest.Command(binary.Path(t), []string{"events"}, "IMAGESYNC_AUTH_MODE=none",
				"RUNTIME_API_ADDR="+rt.Addr(), "RUNTIME_TIMEOUT=300", "IMAGESYNC_CONFIG="+config)
			cmd.Stderr = os.Stderr
			platformtest.Run(t, cmd)
			rt.Queue("tick-1", string(platformtest.Testdata(t, "fg-timer.json")))
			<-src.Arrived
			require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
			if c.release {
				src.Release()
			}
			res := rt.Wait(t, "tick-1")
			assert.Contains(t, string(res.Body), c.want)
			assert.Equal(t, 0, exitCode(t, cmd))
		})
	}
}

// exitCode waits for cmd to exit.
func exitCode(t *testing.T, cmd *exec.Cmd) int {
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode()
		}
		return 0
	case <-time.After(60 * time.Second):
		t.Fatal("the process did not exit")
		return -1
	}
}

// TestHTTPFunctionShutdown: the HTTP function on SIGTERM lets a sync in
// flight finish (it is answered 200) and then exits 0, as imagesync serve.
func TestHTTPFunctionShutdown(t *testing.T) {
	src, dst := registrytest.NewHeld(t, "team/app"), registrytest.InMemory(t)
	registrytest.PushIndex(t, src.Host+"/team/app:v1", 512, 1, 1)
	src.Arm()
	addr := registrytest.FreeAddr(t)
	host, port, _ := strings.Cut(addr, ":")
	cmd := platformtest.Command(binary.Path(t), []string{"serve"}, "IMAGESYNC_AUTH_MODE=none", "HOST="+host, "PORT="+port)
	cmd.Stderr = os.Stderr
	platformtest.Run(t, cmd)
	registrytest.WaitHTTP(t, "http://"+addr+"/healthz")
	answered := make(chan int, 1)
	go func() {
		res, err := http.Post("http://"+addr+"/v1/syncs", "application/json",
			strings.NewReader(`{"source":{"image":"`+src.Host+`/team/app:v1"},"target":{"image":"`+dst+`/team/app:v1"}}`))
		if err != nil {
			answered <- 0
			return
		}
		res.Body.Close()
		answered <- res.StatusCode
	}()
	<-src.Arrived
	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	src.Release()
	assert.Equal(t, http.StatusOK, <-answered)
	assert.Equal(t, 0, exitCode(t, cmd))
}

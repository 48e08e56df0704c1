package main

import (
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newHeldApp is a registry holding team/app:v1, whose manifest reads wait
// until Release.
func newHeldApp(t *testing.T) *registrytest.Held {
	h := registrytest.NewHeld(t, "team/app")
	registrytest.PushIndex(t, h.Host+"/team/app:v1", 512, 1, 1)
	h.Arm()
	return h
}

// serveBinary starts bin serve on addr with config and returns the
// command, still running.
func serveBinary(t *testing.T, bin, addr, config string) *exec.Cmd {
	path := filepath.Join(t.TempDir(), "imagesync.yaml")
	require.NoError(t, os.WriteFile(path, []byte(config), 0o600))
	cmd := exec.Command(bin, "serve", "--addr", addr, "--config", path)
	cmd.Stderr = os.Stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	registrytest.WaitHTTP(t, "http://"+addr+"/healthz")
	return cmd
}

type answer struct {
	status int
	task   map[string]any
	err    error
}

// syncAsync posts a sync of src to dst and delivers the answer.
func syncAsync(api, src, dst string) <-chan answer {
	out := make(chan answer, 1)
	go func() {
		res, err := http.Post(api+"/v1/syncs", "application/json",
			strings.NewReader(`{"source":{"image":"`+src+`"},"target":{"image":"`+dst+`"}}`))
		if err != nil {
			out <- answer{err: err}
			return
		}
		defer res.Body.Close()
		var body map[string]any
		err = json.NewDecoder(res.Body).Decode(&body)
		if t, ok := body["task"].(map[string]any); ok {
			body = t // an error answer carries the task
		}
		out <- answer{status: res.StatusCode, task: body, err: err}
	}()
	return out
}

// exited waits for cmd to exit and returns its exit code.
func exited(t *testing.T, cmd *exec.Cmd) int {
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode()
		}
		require.NoError(t, err)
		return 0
	case <-time.After(hang):
		t.Fatal("the process did not exit")
		return -1
	}
}

// TestGracefulShutdown sends SIGTERM to the built binary while a sync is
// in flight (its source registry holds the manifest request).
func TestGracefulShutdown(t *testing.T) {
	bin := buildBinary(t)
	t.Run("in flight within the grace: finishes, then the process exits", func(t *testing.T) {
		src, dst := newHeldApp(t), registrytest.InMemory(t)
		addr := registrytest.FreeAddr(t)
		cmd := serveBinary(t, bin, addr, "server: {shutdownGrace: 60s}\n")
		got := syncAsync("http://"+addr, src.Host+"/team/app:v1", dst+"/team/app:v1")
		<-src.Arrived
		require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
		waitRefused(t, addr)
		src.Release()
		a := <-got
		require.NoError(t, a.err)
		assert.Equal(t, http.StatusOK, a.status)
		assert.Equal(t, "SUCCESS", a.task["status"])
		assert.Equal(t, 0, exited(t, cmd))
		assert.NotEmpty(t, registrytest.Digest(t, dst+"/team/app:v1"))
	})
	t.Run("past the grace: cancelled, answered CANCELED, then the process exits", func(t *testing.T) {
		src, dst := newHeldApp(t), registrytest.InMemory(t)
		addr := registrytest.FreeAddr(t)
		cmd := serveBinary(t, bin, addr, "server: {shutdownGrace: 1s}\n")
		got := syncAsync("http://"+addr, src.Host+"/team/app:v1", dst+"/team/app:v1")
		<-src.Arrived
		require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
		a := <-got
		require.NoError(t, a.err, "the request was dropped, not answered")
		assert.Equal(t, "CANCELED", a.task["status"], "%d %v", a.status, a.task)
		assert.Equal(t, 0, exited(t, cmd))
	})
}

// waitRefused waits until addr no longer accepts connections.
func waitRefused(t *testing.T, addr string) {
	deadline := time.Now().Add(hang)
	for time.Now().Before(deadline) {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			return
		}
		c.Close()
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("the server still accepts connections after SIGTERM")
}

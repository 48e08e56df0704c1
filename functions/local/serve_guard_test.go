package main

import (
	"bytes"
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// serve on an address beyond loopback with no auth section refuses to
// start (it would answer every call 401), and says how to fix it.
func TestServeRefusesAnOpenAddressWithoutAuth(t *testing.T) {
	hook := filepath.Join(t.TempDir(), "hooks.yaml")
	require.NoError(t, os.WriteFile(hook, []byte("webhooks: {distribution: {secrets: [{secretEnv: HOOK_SECRET}]}}\n"), 0o600))
	env := func(k string) string {
		return map[string]string{"PORT": "18089", "HOOK_SECRET": "Bearer 0123456789abcdef"}[k]
	}
	for _, tc := range []struct {
		args   []string
		getenv func(string) string
		extra  string
	}{
		{[]string{"serve", "--addr", "0.0.0.0:0"}, noenv, ""},
		{[]string{"serve", "--addr", ":0"}, noenv, ""},
		{[]string{"serve"}, env, ""}, // PORT: every interface
		{[]string{"serve", "--addr", "0.0.0.0:0", "--config", hook}, env, "auth: {mode: required}"},
	} {
		var out, errOut bytes.Buffer
		code := run(context.Background(), tc.args, &out, &errOut, tc.getenv)
		assert.Equal(t, 2, code, tc.args)
		msg := errOut.String()
		assert.Contains(t, msg, "imagesync serve: refusing to listen on ")
		for _, want := range []string{"with no auth section", "auth.tokens", "auth.signing", "`auth: {mode: none}`", "IMAGESYNC_AUTH_MODE=none", "--addr 127.0.0.1:8080", tc.extra} {
			assert.Contains(t, msg, want, tc.args)
		}
		assert.Equal(t, 1, strings.Count(msg, "\n"), "one line")
	}
}

// An explicit auth: {mode: none} (or IMAGESYNC_AUTH_MODE=none) is heard:
// the built binary serves on every interface, with its warning.
func TestServeOnAnOpenAddressWithModeNone(t *testing.T) {
	bin := buildBinary(t)
	cfg := filepath.Join(t.TempDir(), "imagesync.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte("auth: {mode: none}\n"), 0o600))
	for _, setup := range []struct {
		args []string
		env  []string
	}{
		{[]string{"--config", cfg}, nil},
		{nil, []string{"IMAGESYNC_AUTH_MODE=none"}},
	} {
		_, port, err := net.SplitHostPort(registrytest.FreeAddr(t))
		require.NoError(t, err)
		var logs lockedBuffer
		cmd := exec.Command(bin, append([]string{"serve", "--addr", "0.0.0.0:" + port}, setup.args...)...)
		cmd.Env, cmd.Stderr = append(os.Environ(), setup.env...), &logs
		require.NoError(t, cmd.Start())
		registrytest.WaitHTTP(t, "http://127.0.0.1:"+port+"/healthz")
		assert.Contains(t, logs.String(), "API authentication is OFF")
		require.NoError(t, cmd.Process.Kill())
		_ = cmd.Wait()
	}
}

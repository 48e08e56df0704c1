package main

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// loginEnv is a process environment with its own docker config
// directory and home, so that no login of the machine is read or written.
func loginEnv(t *testing.T, extra ...string) (env []string, dockerConfig string) {
	dockerConfig, home := t.TempDir(), t.TempDir()
	env = append(os.Environ(), "DOCKER_CONFIG="+dockerConfig, "HOME="+home, "XDG_RUNTIME_DIR=", "REGISTRY_AUTH_FILE=")
	return append(env, extra...), dockerConfig
}

func runWith(t *testing.T, bin string, env []string, stdin string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env, cmd.Stdin = env, strings.NewReader(stdin)
	out, _ := cmd.CombinedOutput()
	return cmd.ProcessState.ExitCode(), string(out)
}

func readConfig(t *testing.T, dir string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "config.json"))
	require.NoError(t, err)
	var cf map[string]any
	require.NoError(t, json.Unmarshal(b, &cf))
	return cf
}

// login checks and stores a login in $DOCKER_CONFIG/config.json; syncs
// into and out of an htpasswd-protected docker-registry then work with no
// other setting; logout removes the entry and the registry refuses again.
func TestLoginSyncLogout(t *testing.T) {
	const pw = "login-secret-8c41d7"
	open, out := registrytest.Distribution(t, ""), registrytest.InMemory(t)
	locked := registrytest.DistributionBasicAuth(t, "robot", pw, "")
	want := registrytest.PushIndex(t, open+"/team/app:v1", 32<<10, 2, 2)
	bin := buildBinary(t)
	env, dir := loginEnv(t)

	code, text := runWith(t, bin, env, "wrong-"+pw+"\n", "login", locked, "-u", "robot", "--password-stdin")
	assert.Equal(t, 1, code, text)
	assert.Contains(t, text, "refused the login")
	assert.NoFileExists(t, filepath.Join(dir, "config.json"), "a refused login is not stored")

	code, text = runWith(t, bin, env, pw+"\n", "login", locked, "-u", "robot", "--password-stdin")
	require.Equal(t, 0, code, text)
	assert.Contains(t, text, "Login Succeeded: "+locked+" as robot (stored in "+filepath.Join(dir, "config.json")+")")
	assert.NotContains(t, text, pw)
	auths := readConfig(t, dir)["auths"].(map[string]any)
	require.Contains(t, auths, locked)

	code, text = runWith(t, bin, env, "", "sync", open+"/team/app:v1", locked+"/team/app")
	require.Equal(t, 0, code, text)
	code, text = runWith(t, bin, env, "", "sync", locked+"/team/app:v1", out+"/copy/app")
	require.Equal(t, 0, code, text)
	assert.Equal(t, want, registrytest.Digest(t, out+"/copy/app:v1"))

	code, text = runWith(t, bin, env, "", "logout", locked)
	require.Equal(t, 0, code, text)
	assert.Contains(t, text, "Removing login credentials for "+locked)
	assert.NotContains(t, readConfig(t, dir)["auths"], locked)
	code, text = runWith(t, bin, env, "", "logout", locked)
	assert.Equal(t, 0, code)
	assert.Contains(t, text, "Not logged in to "+locked)

	code, text = runWith(t, bin, env, "", "sync", locked+"/team/app:v1", out+"/again/app")
	assert.Equal(t, 1, code, "logged out: refused")
	assert.Contains(t, text, "unauthorized")
}

// A credHelpers entry for the host is respected, as docker and crane do:
// login stores the secret through docker-credential-<helper> (here a
// script on PATH that keeps it in a file), never in config.json; syncs get
// it back through the helper; logout erases it there.
func TestLoginThroughACredentialHelper(t *testing.T) {
	const pw = "helper-secret-2f9a"
	open := registrytest.Distribution(t, "")
	locked := registrytest.DistributionBasicAuth(t, "robot", pw, "")
	registrytest.PushIndex(t, open+"/team/app:v1", 4096, 1, 1)
	bin := buildBinary(t)
	helperDir, store := t.TempDir(), t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(helperDir, "docker-credential-imagesynctest"), []byte(`#!/bin/sh
store="$IMAGESYNC_TEST_HELPER_STORE"
echo "$1" >> "$store/calls"
case "$1" in
store) cat > "$store/creds.json" ;;
get) read url; if [ -f "$store/creds.json" ]; then cat "$store/creds.json"; else echo "credentials not found in native keychain"; exit 1; fi ;;
erase) read url; rm -f "$store/creds.json" ;;
list) echo "{}" ;;
esac
`), 0o755))
	env, dir := loginEnv(t, "PATH="+helperDir+":"+os.Getenv("PATH"), "IMAGESYNC_TEST_HELPER_STORE="+store)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "config.json"), []byte(`{"credHelpers": {"`+locked+`": "imagesynctest"}}`), 0o600))

	code, text := runWith(t, bin, env, pw, "login", locked, "-u", "robot", "--password-stdin")
	require.Equal(t, 0, code, text)
	assert.Contains(t, text, "(stored in docker-credential-imagesynctest)")
	kept, err := os.ReadFile(filepath.Join(store, "creds.json"))
	require.NoError(t, err)
	assert.Contains(t, string(kept), pw, "the helper holds the secret")
	cfg, err := os.ReadFile(filepath.Join(dir, "config.json"))
	require.NoError(t, err)
	assert.NotContains(t, string(cfg), `"auth"`, "config.json holds no secret")
	assert.Contains(t, string(cfg), `"imagesynctest"`, "the credHelpers entry is kept")

	code, text = runWith(t, bin, env, "", "sync", open+"/team/app:v1", locked+"/team/app")
	require.Equal(t, 0, code, text)
	calls, _ := os.ReadFile(filepath.Join(store, "calls"))
	assert.Contains(t, string(calls), "get", "the sync asked the helper")

	code, text = runWith(t, bin, env, "", "logout", locked)
	require.Equal(t, 0, code, text)
	assert.NoFileExists(t, filepath.Join(store, "creds.json"), "erased through the helper")
}

// On a terminal, login asks for the user and the password; the password
// is not echoed.
func TestLoginPromptsOnATerminal(t *testing.T) {
	const pw = "typed-secret-0b7e"
	locked := registrytest.DistributionBasicAuth(t, "robot", pw, "")
	bin := buildBinary(t)
	env, dir := loginEnv(t)
	cmd := exec.Command(bin, "login", locked)
	cmd.Env = env
	tty, err := pty.Start(cmd)
	require.NoError(t, err)
	defer tty.Close()
	var seen bytes.Buffer
	waitFor := func(s string) {
		deadline := time.Now().Add(30 * time.Second)
		buf := make([]byte, 256)
		for !strings.Contains(seen.String(), s) && time.Now().Before(deadline) {
			n, err := tty.Read(buf)
			seen.Write(buf[:n])
			if err != nil {
				break
			}
		}
		require.Contains(t, seen.String(), s)
	}
	waitFor("Username: ")
	_, _ = tty.Write([]byte("robot\n"))
	waitFor("Password: ")
	_, _ = tty.Write([]byte(pw + "\n"))
	rest, _ := io.ReadAll(tty)
	seen.Write(rest)
	require.NoError(t, cmd.Wait(), seen.String())
	assert.Contains(t, seen.String(), "Login Succeeded")
	assert.Contains(t, seen.String(), "robot", "the user name echoes")
	assert.NotContains(t, seen.String(), pw, "the password does not")
	assert.Contains(t, readConfig(t, dir)["auths"], locked)
}

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// --dest-creds-env and --src-creds-file log in to an htpasswd-protected
// docker-registry with USER:PASS from the environment or a file: the
// secret is never on the command line, nor in any output.
func TestCredsFromEnvAndFile(t *testing.T) {
	const pw = "creds-flag-secret-51d2"
	open, out := registrytest.Distribution(t, ""), registrytest.InMemory(t)
	locked := registrytest.DistributionBasicAuth(t, "robot", pw, "")
	want := registrytest.PushIndex(t, open+"/team/app:v1", 32<<10, 2, 2)
	file := filepath.Join(t.TempDir(), "login")
	require.NoError(t, os.WriteFile(file, []byte("robot:"+pw+"\n"), 0o600))
	bin := buildBinary(t)
	sync := func(env []string, args ...string) (int, string) {
		cmd := exec.Command(bin, append([]string{"sync"}, args...)...)
		cmd.Env = append(os.Environ(), env...)
		b, _ := cmd.CombinedOutput()
		return cmd.ProcessState.ExitCode(), string(b)
	}

	code, text := sync(nil, open+"/team/app:v1", locked+"/team/app")
	assert.Equal(t, 1, code, "no login: refused")
	assert.Contains(t, text, "unauthorized")

	code, text = sync([]string{"MIRROR_LOGIN=robot:" + pw}, open+"/team/app:v1", locked+"/team/app", "--dest-creds-env", "MIRROR_LOGIN", "-v")
	require.Equal(t, 0, code, text)
	assert.Contains(t, text, want)
	assert.NotContains(t, text, pw)

	code, text = sync(nil, locked+"/team/app:v1", out+"/copy/app", "--src-creds-file", file, "--log-level", "debug")
	require.Equal(t, 0, code, text)
	assert.Equal(t, want, registrytest.Digest(t, out+"/copy/app:v1"))
	assert.NotContains(t, text, pw)

	require.NoError(t, os.WriteFile(file, []byte("robot-without-password\n"), 0o600))
	code, text = sync(nil, locked+"/team/app:v1", out+"/copy/app", "--src-creds-file", file)
	assert.Equal(t, 2, code)
	assert.Contains(t, text, "--src-creds-file "+file+": must hold USER:PASS")
}

package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSyncWithConfiguredCredentials: the CLI copies into and out of a
// docker-registry behind its own htpasswd basic auth with the login of
// registry.credentials (password from passwordEnv); a wrong password
// fails with exit code 1, kind unauthorized, and the password unprinted.
func TestSyncWithConfiguredCredentials(t *testing.T) {
	const pw = "htpasswd-secret-7c1e"
	open, out := registrytest.Distribution(t, ""), registrytest.Distribution(t, "")
	locked := registrytest.DistributionBasicAuth(t, "robot", pw, "")
	want := registrytest.PushIndex(t, open+"/team/app:v1", 32<<10, 2, 2)
	path := filepath.Join(t.TempDir(), "imagesync.yaml")
	require.NoError(t, os.WriteFile(path, []byte(fmt.Sprintf(`registry:
  credentials:
    - {host: %q, username: robot, passwordEnv: IMAGESYNC_TEST_REG_PW}
`, locked)), 0o600))
	sync := func(src, dst string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), []string{"sync", src, dst, "--config", path}, &stdout, &stderr, noenv)
		return code, stdout.String(), stderr.String()
	}

	t.Setenv("IMAGESYNC_TEST_REG_PW", pw)
	code, stdout, stderr := sync(open+"/team/app:v1", locked+"/team/app")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, want)
	code, _, stderr = sync(locked+"/team/app:v1", out+"/copy/app")
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, want, registrytest.Digest(t, out+"/copy/app:v1"))

	t.Setenv("IMAGESYNC_TEST_REG_PW", "wrong-"+pw)
	code, stdout, stderr = sync(locked+"/team/app:v1", out+"/again/app")
	assert.Equal(t, 1, code, stderr)
	assert.Contains(t, stdout+stderr, "unauthorized")
	assert.NotContains(t, stdout+stderr, pw)
	assert.Empty(t, registrytest.Digest(t, out+"/again/app:v1"))
}

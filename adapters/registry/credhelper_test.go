package registry_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeHelper installs docker-credential-<name> on PATH: it answers `get`
// for host with robot's login, and fails for any other server URL.
func fakeHelper(t *testing.T, name, host, pass string) {
	dir := t.TempDir()
	script := fmt.Sprintf(`#!/bin/sh
read -r server
if [ "$1" != get ] || [ "$server" != %q ]; then echo "credentials not found in native keychain" >&2; exit 1; fi
printf '{"ServerURL":"%%s","Username":"robot","Secret":"%%s"}' "$server" %q
`, host, pass)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "docker-credential-"+name), []byte(script), 0o755))
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
}

// TestCredentialHelper logs in to an htpasswd docker-registry through a
// docker credential helper, named whole (as regsync's credHelper) or as
// docker's config.json names it; a helper that fails is ErrUnauthorized,
// without the secret.
func TestCredentialHelper(t *testing.T) {
	open, locked := registrytest.Distribution(t, ""), registrytest.DistributionBasicAuth(t, "robot", secret, "")
	want := registrytest.PushIndex(t, open+"/team/app:v1", 4<<10, 1, 2)
	fakeHelper(t, "fake", locked, secret)
	for _, name := range []string{"docker-credential-fake", "fake"} {
		t.Run(name, func(t *testing.T) {
			kc := reg.StaticKeychain([]reg.Credential{{Host: locked, Helper: name}}, env(nil))
			e, err := reg.New(reg.WithKeychain(kc))
			require.NoError(t, err)
			task, err := e.Sync(context.Background(), copyReq(open+"/team/app:v1", locked+"/team/"+name))
			require.NoError(t, err)
			assert.Equal(t, want, task.Digest)
		})
	}
	fakeHelper(t, "other", "elsewhere.example", secret)
	e, err := reg.New(reg.WithKeychain(reg.StaticKeychain([]reg.Credential{{Host: locked, Helper: "other"}}, env(nil))))
	require.NoError(t, err)
	_, err = e.Sync(context.Background(), copyReq(open+"/team/app:v1", locked+"/team/other"))
	require.ErrorIs(t, err, core.ErrUnauthorized)
	assert.Contains(t, err.Error(), "credentials not found")
	assert.NotContains(t, err.Error(), secret)

	assert.Contains(t, reg.Credential{Host: "h", Helper: "x", Username: "u"}.Check(), "helper gives the login")
	assert.Empty(t, reg.Credential{Host: "h", Helper: "x"}.Check())
	assert.Contains(t, reg.Credential{Host: "h", Helper: "../../tmp/x"}.Check(), "run from PATH")
}

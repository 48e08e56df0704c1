package registry_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const secret = "s3cret-never-logged"

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestStaticCredentialsBasicAndBearer(t *testing.T) {
	for _, bearer := range []bool{false, true} {
		t.Run(fmt.Sprintf("bearer=%v", bearer), func(t *testing.T) {
			a, b := registrytest.InMemory(t), registrytest.InMemory(t)
			pa := registrytest.NewAuthProxy(t, a, "robot", secret, bearer)
			pb := registrytest.NewAuthProxy(t, b, "pusher", secret+"2", bearer)
			file := filepath.Join(t.TempDir(), "pw")
			require.NoError(t, os.WriteFile(file, []byte(secret+"2\n"), 0o600))
			var logs bytes.Buffer
			kc := reg.StaticKeychain([]reg.Credential{
				{Host: pa.Host, Username: "robot", PasswordEnv: "SRC_PW"},
				{Host: pb.Host, Username: "pusher", PasswordFile: file},
			}, env(map[string]string{"SRC_PW": secret}))
			e, err := reg.New(reg.WithKeychain(kc), reg.WithLogger(slog.New(slog.NewJSONHandler(&logs, nil))))
			require.NoError(t, err)
			for i := range 3 {
				want := registrytest.PushIndex(t, fmt.Sprintf("%s/app:v%d", a, i), 1024, 1, 2)
				task, err := e.Sync(context.Background(), copyReq(fmt.Sprintf("%s/app:v%d", pa.Host, i), pb.Host+"/app"))
				require.NoError(t, err)
				assert.Equal(t, want, task.Digest)
			}
			if bearer {
				assert.EqualValues(t, 1, pa.Tokens.Load(), "one source token for three syncs")
				assert.EqualValues(t, 1, pb.Tokens.Load(), "one target token for three syncs")
			}
			assert.NotContains(t, logs.String(), secret)
		})
	}
}

func TestCredentialFailuresAreUnauthorized(t *testing.T) {
	a, b := registrytest.InMemory(t), registrytest.InMemory(t)
	registrytest.PushIndex(t, a+"/app:v1", 1024, 1, 1)
	pa := registrytest.NewAuthProxy(t, a, "robot", secret, true)
	for name, kc := range map[string]reg.Credential{
		"wrong password": {Host: pa.Host, Username: "robot", PasswordEnv: "PW"},
		"empty env":      {Host: pa.Host, Username: "robot", PasswordEnv: "UNSET"},
		"anonymous":      {Host: "elsewhere.example", Username: "x", PasswordEnv: "PW"},
	} {
		t.Run(name, func(t *testing.T) {
			e, err := reg.New(reg.WithKeychain(reg.StaticKeychain([]reg.Credential{kc}, env(map[string]string{"PW": "wrong-" + secret}))))
			require.NoError(t, err)
			_, err = e.Sync(context.Background(), copyReq(pa.Host+"/app:v1", b+"/app"))
			require.ErrorIs(t, err, core.ErrUnauthorized)
			assert.NotContains(t, err.Error(), secret)
		})
	}
}

func TestDockerConfigCredentials(t *testing.T) {
	a, b := registrytest.InMemory(t), registrytest.InMemory(t)
	want := registrytest.PushIndex(t, a+"/app:v1", 1024, 1, 1)
	pa := registrytest.NewAuthProxy(t, a, "robot", secret, false)
	dir := t.TempDir()
	auth := base64.StdEncoding.EncodeToString([]byte("robot:" + secret))
	cfg := fmt.Sprintf(`{"auths":{%q:{"auth":%q}}}`, pa.Host, auth)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "config.json"), []byte(cfg), 0o600))
	t.Setenv("DOCKER_CONFIG", dir)
	e, err := reg.New()
	require.NoError(t, err)
	task, err := e.Sync(context.Background(), copyReq(pa.Host+"/app:v1", b+"/app"))
	require.NoError(t, err)
	assert.Equal(t, want, task.Digest)
}

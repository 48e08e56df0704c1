package registry_test

import (
	"context"
	"testing"

	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestHtpasswdRegistry copies a multi-arch image into a docker-registry
// whose own htpasswd controller demands basic auth, and out of it again,
// with static credentials (password from the environment); a wrong
// password is ErrUnauthorized and never appears in the error.
func TestHtpasswdRegistry(t *testing.T) {
	open, locked, out := registrytest.Distribution(t, ""), registrytest.DistributionBasicAuth(t, "robot", secret, ""), registrytest.Distribution(t, "")
	want := registrytest.PushIndex(t, open+"/team/app:v1", 64<<10, 2, 2)
	engine := func(pw string) *reg.Engine {
		kc := reg.StaticKeychain([]reg.Credential{{Host: locked, Username: "robot", PasswordEnv: "REG_PW"}},
			env(map[string]string{"REG_PW": pw}))
		e, err := reg.New(reg.WithKeychain(kc))
		require.NoError(t, err)
		return e
	}
	e := engine(secret)
	task, err := e.Sync(context.Background(), copyReq(open+"/team/app:v1", locked+"/team/app"))
	require.NoError(t, err, "into the locked registry")
	assert.Equal(t, want, task.Digest)
	assert.Empty(t, registrytest.Digest(t, locked+"/team/app:v1"), "anonymous reads are refused")
	task, err = e.Sync(context.Background(), copyReq(locked+"/team/app:v1", out+"/copy/app"))
	require.NoError(t, err, "out of the locked registry")
	assert.Equal(t, want, task.Digest)
	assert.Equal(t, want, registrytest.Digest(t, out+"/copy/app:v1"))
	task, err = e.Sync(context.Background(), copyReq(open+"/team/app:v1", locked+"/team/app"))
	require.NoError(t, err)
	assert.True(t, task.Skipped, "a second sync is a no-op")

	for name, pw := range map[string]string{"pull": "wrong-" + secret, "push": secret + "x"} {
		t.Run("wrong password/"+name, func(t *testing.T) {
			req := copyReq(locked+"/team/app:v1", out+"/other/app")
			if name == "push" {
				req = copyReq(open+"/team/app:v1", locked+"/other/app")
			}
			_, err := engine(pw).Sync(context.Background(), req)
			require.ErrorIs(t, err, core.ErrUnauthorized)
			assert.Equal(t, "unauthorized", core.KindOf(err))
			assert.NotContains(t, err.Error(), pw)
		})
	}
}

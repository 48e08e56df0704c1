package infra

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/imagesync/imagesync/adapters/acr/acrtest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Function Compute's STS credentials of the invocation, carried by its
// context, buy the ACR EE login ahead of the keys in the environment and
// of Alibaba's chain; another context keeps those. Through the wiring,
// against the ACR emulator, which checks each signature and token.
func TestACRLoginTakesTheInvocationsSTSCredentials(t *testing.T) {
	api := acrtest.New()
	t.Cleanup(api.Close)
	api.AddInstance("cn-hangzhou", "cri-test")
	api.SetInstanceName("cri-test", "myreg")
	api.AddAccessKey("STS.invocation", "sts-secret", "sts-token")
	acrAPI = func(string) (string, string) { return "http", strings.TrimPrefix(api.URL, "http://") }
	t.Cleanup(func() { acrAPI = nil })
	reg, _ := name.NewRegistry("myreg-registry.cn-hangzhou.cr.aliyuncs.com")
	ctx := core.WithInvocationCredentials(t.Context(), core.InvocationCredentials{Cloud: core.CloudAlibaba,
		AccessKeyID: "STS.invocation", AccessKeySecret: "sts-secret", SecurityToken: "sts-token"})
	for _, env := range []map[string]string{
		{"ALIBABA_CLOUD_ACCESS_KEY_ID": "LTAI-unknown", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": "not-the-emulators"},
		{"ALIBABA_CLOUD_ACCESS_KEY_ID": "", "ALIBABA_CLOUD_ACCESS_KEY_SECRET": ""}, // the chain, which finds nothing
	} {
		for k, v := range env {
			t.Setenv(k, v)
		}
		t.Setenv("HOME", t.TempDir())
		t.Setenv("DOCKER_CONFIG", t.TempDir())
		t.Setenv("ALIBABA_CLOUD_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
		t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
		a, err := authn.Resolve(ctx, keychain(t), reg)
		require.NoError(t, err)
		cfg, err := a.Authorization()
		require.NoError(t, err)
		assert.NotEmpty(t, cfg.Password)
	}
	assert.Len(t, api.Calls("GetAuthorizationToken"), 2)

	a, err := authn.Resolve(context.Background(), keychain(t), reg)
	require.NoError(t, err)
	assert.Equal(t, authn.Anonymous, a, "no invocation, no keys: the chain finds nothing and declines")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI-unknown")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "not-the-emulators")
	a, err = authn.Resolve(context.Background(), keychain(t), reg)
	require.NoError(t, err)
	assert.Equal(t, authn.Anonymous, a, "no invocation: the environment's keys, which the emulator refuses")
	assert.Len(t, api.Calls("GetAuthorizationToken"), 2)
}

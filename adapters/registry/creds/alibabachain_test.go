package creds_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/imagesync/imagesync/adapters/acr/acrtest"
	"github.com/imagesync/imagesync/adapters/registry/creds"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// alibabaEnv leaves Alibaba's SDK chain only m: no keys in the
// environment, no CLI profile, the ECS RAM role off.
func alibabaEnv(t *testing.T, m map[string]string) {
	for _, k := range []string{"ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABA_CLOUD_SECURITY_TOKEN",
		"ALIBABA_CLOUD_ROLE_ARN", "ALIBABA_CLOUD_OIDC_TOKEN_FILE", "ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "ALIBABA_CLOUD_PROFILE",
		"ALIBABA_CLOUD_CREDENTIALS_URI", "ALIBABA_CLOUD_ECS_METADATA", "ALIBABA_CLOUD_CLI_PROFILE_DISABLED"} {
		t.Setenv(k, "")
	}
	t.Setenv("HOME", t.TempDir())
	t.Setenv("ALIBABA_CLOUD_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	for k, v := range m {
		t.Setenv(k, v)
	}
}

// Without keys in the environment, ACR EE logins take Alibaba's SDK
// chain: here the credentials file's default profile, through the real
// SDK against the ACR emulator. A chain that finds nothing declines the
// domain (docker's config answers).
func TestACRLoginWithTheAlibabaChain(t *testing.T) {
	api, acr := acrWithInstance(t)
	acr.Keys, acr.Creds = creds.AlibabaKeys{}, creds.AlibabaChain()
	file := filepath.Join(t.TempDir(), "credentials")
	require.NoError(t, os.WriteFile(file, []byte("[default]\ntype = access_key\naccess_key_id = "+acrtest.TestAccessKeyID+
		"\naccess_key_secret = "+acrtest.TestAccessKeySecret+"\n"), 0o600))
	alibabaEnv(t, map[string]string{"ALIBABA_CLOUD_CREDENTIALS_FILE": file})
	reg, _ := name.NewRegistry("myreg-registry.cn-hangzhou.cr.aliyuncs.com")
	a, err := acr.Keychain().Resolve(reg)
	require.NoError(t, err)
	cfg, err := a.Authorization()
	require.NoError(t, err)
	assert.NotEmpty(t, cfg.Password)
	assert.NotEmpty(t, api.Calls("GetAuthorizationToken"))

	_, none := acrWithInstance(t)
	none.Keys, none.Creds = creds.AlibabaKeys{}, creds.AlibabaChain()
	alibabaEnv(t, nil)
	a, err = none.Keychain().Resolve(reg)
	require.NoError(t, err)
	assert.Equal(t, authn.Anonymous, a, "declined")
	_, err = none.Repositories(t.Context(), reg.RegistryStr(), "")
	require.Error(t, err)
	assert.True(t, strings.Contains(err.Error(), "no Alibaba Cloud credentials"), err.Error())
}

package creds_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/imagesync/imagesync/adapters/acr/acrtest"
	"github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/creds"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// acrWithInstance starts the ACR emulator holding instance cri-test, named
// myreg, in cn-hangzhou, and an ACR of the emulator's keys that calls it.
func acrWithInstance(t *testing.T) (*acrtest.Server, *creds.ACR) {
	api := acrtest.New()
	t.Cleanup(api.Close)
	api.AddInstance("cn-hangzhou", "cri-test")
	api.SetInstanceName("cri-test", "myreg")
	return api, &creds.ACR{Keys: creds.AlibabaKeys{AccessKeyID: acrtest.TestAccessKeyID, AccessKeySecret: acrtest.TestAccessKeySecret},
		Endpoint: func(string) (string, string) { return "http", strings.TrimPrefix(api.URL, "http://") }}
}

// The registry engine asks ACR EE when tags were pushed, through the real
// SDK against the ACR emulator, which checks the signature: the instance
// by the name in its domain (ListInstance), the repository's id
// (GetRepository), then ListRepoTag page after page.
func TestACRTagTimes(t *testing.T) {
	api, acr := acrWithInstance(t)
	api.AddInstance("cn-hangzhou", "cri-other")
	api.SetInstanceName("cri-other", "other")
	repo := api.AddRepository("cn-hangzhou", "cri-test", "team", "app")
	base := time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)
	want := map[string]time.Time{}
	for i := range 250 { // three pages of 100
		want[fmt.Sprintf("v1.%d.0", i)] = base.Add(time.Duration(i) * time.Minute)
	}
	api.SetTags(repo, want)

	e, err := registry.New(registry.WithTagTimes(acr))
	require.NoError(t, err)
	got, err := e.TagTimes(context.Background(), "myreg-registry.cn-hangzhou.cr.aliyuncs.com/team/app")
	require.NoError(t, err)
	assert.Equal(t, want, got)
	assert.Len(t, api.Calls("ListRepoTag"), 3)
	assert.Len(t, api.Calls("ListInstance"), 1)

	_, err = e.TagTimes(context.Background(), "myreg-registry.cn-hangzhou.cr.aliyuncs.com/team/gone")
	require.ErrorIs(t, err, core.ErrNotFound)
	_, err = e.TagTimes(context.Background(), "nosuch-registry.cn-hangzhou.cr.aliyuncs.com/team/app")
	require.ErrorIs(t, err, core.ErrNotFound)

	wrong := &creds.ACR{Keys: creds.AlibabaKeys{AccessKeyID: acrtest.TestAccessKeyID, AccessKeySecret: "not-the-secret"},
		Endpoint: acr.Endpoint}
	_, err = wrong.TagTimes(context.Background(), "myreg-registry.cn-hangzhou.cr.aliyuncs.com", "team/app")
	require.ErrorIs(t, err, core.ErrUnauthorized)
	assert.NotContains(t, err.Error(), "not-the-secret")
	assert.True(t, acr.Serves("myreg-registry-vpc.cn-hangzhou.cr.aliyuncs.com"))
	assert.False(t, acr.Serves("registry.cn-hangzhou.aliyuncs.com"), "personal edition: no such API")
}

// With Alibaba keys, a plain ACR EE domain logs in by the instance its
// name finds; a domain the keys do not find is declined (anonymous, so the
// next keychain answers), and the decline is remembered.
func TestACRKeychainPlainDomains(t *testing.T) {
	api, acr := acrWithInstance(t)
	k := acr.Keychain()
	for _, host := range []string{"myreg-registry.cn-hangzhou.cr.aliyuncs.com", "myreg-registry-vpc.cn-hangzhou.cr.aliyuncs.com"} {
		r, err := name.NewRegistry(host)
		require.NoError(t, err)
		a, err := k.Resolve(r)
		require.NoError(t, err)
		cfg, err := a.Authorization()
		require.NoError(t, err)
		assert.Equal(t, authn.AuthConfig{Username: "cr_temp_user", Password: "token-of-cri-test"}, *cfg, host)
	}
	for range 2 {
		r, _ := name.NewRegistry("other-registry.cn-hangzhou.cr.aliyuncs.com")
		a, err := k.Resolve(r)
		require.NoError(t, err)
		assert.Equal(t, authn.Anonymous, a, "not this account's instance")
	}
	assert.Len(t, api.Calls("ListInstance"), 3, "one per domain; the decline is remembered")
	r, _ := name.NewRegistry("registry.cn-hangzhou.aliyuncs.com")
	a, err := k.Resolve(r)
	require.NoError(t, err)
	assert.Equal(t, authn.Anonymous, a, "personal edition: not ours")
}

// Refused a login for a plain domain, the keychain declines it; refused
// one for a domain resolved from coordinates, it says why.
func TestACRKeychainRefusals(t *testing.T) {
	api, acr := acrWithInstance(t)
	k := acr.Keychain()
	api.Fail(acrtest.Fault{Action: "GetAuthorizationToken", Code: "NoPrivilege", Times: -1})
	r, _ := name.NewRegistry("myreg-registry.cn-hangzhou.cr.aliyuncs.com")
	a, err := k.Resolve(r)
	require.NoError(t, err)
	assert.Equal(t, authn.Anonymous, a)

	acr2 := &creds.ACR{Keys: acr.Keys, Endpoint: acr.Endpoint}
	host, err := acr2.Host(context.Background(), core.Endpoint{Engine: core.EngineACR, Region: "cn-hangzhou", Instance: "cri-test"})
	require.NoError(t, err)
	require.Equal(t, r.RegistryStr(), host)
	_, err = acr2.Keychain().Resolve(r)
	require.ErrorIs(t, err, core.ErrForbidden)
	assert.Contains(t, err.Error(), "NoPrivilege")
}

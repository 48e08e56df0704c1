package infra_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/imagesync/imagesync/adapters/acr/acrtest"
	"github.com/imagesync/imagesync/adapters/swr/swrtest"
	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/infra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// noHuaweiKeys empties the environment the Huawei engines read keys from.
func noHuaweiKeys(t *testing.T) {
	for _, k := range []string{"CLOUD_SDK_AK", "CLOUD_SDK_SK", "HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK", "HUAWEICLOUD_SDK_SECURITY_TOKEN"} {
		t.Setenv(k, "")
	}
}

// TestSWREngineTurnsOnWithTheInvocationsKeys: on FunctionGraph with an
// agency no keys are in the environment: the swr engine still turns on
// (it was refused at start-up, so the function reported the registry
// engine alone), and signs each call with the keys of the invocation.
func TestSWREngineTurnsOnWithTheInvocationsKeys(t *testing.T) {
	noHuaweiKeys(t)
	srv := swrtest.New(swrtest.Config{})
	t.Cleanup(srv.Close)
	srv.AddRepository("ns1", "group/app")
	srv.AddRemoteNamespace("cn-east-3", "ns1")
	cfg, err := infra.Load(write(t, fmt.Sprintf("swr: {region: cn-north-4, endpoint: %q, projectId: %s}\n",
		srv.URL, swrtest.TestProjectID)), os.Getenv)
	require.NoError(t, err)
	svc, err := infra.Build(cfg, infra.NewLogger(os.Stderr, cfg.Log))
	require.NoError(t, err)
	assert.Equal(t, []string{"registry", "swr"}, svc.Engines())

	ctx := core.WithInvocationCredentials(context.Background(), core.InvocationCredentials{Cloud: core.CloudHuawei,
		AccessKeyID: swrtest.TestAK, AccessKeySecret: swrtest.TestSK, SecurityToken: "agency-token"})
	task, err := svc.Sync(ctx, core.SyncRequest{
		Source: core.Endpoint{Engine: "swr", Region: "cn-north-4", Namespace: "ns1", Repository: "group/app", Tag: "v1"},
		Target: core.Endpoint{Engine: "swr", Region: "cn-east-3", Namespace: "ns1", Repository: "group/app"}})
	require.NoError(t, err)
	assert.Equal(t, "swr", task.Engine)
	var signed int
	for _, r := range srv.Requests() {
		if r.Op == "CreateManualImageSyncRepo" {
			signed++
			assert.Equal(t, "agency-token", r.Header.Get("X-Security-Token"), "signed with the invocation's keys")
		}
	}
	assert.Equal(t, 1, signed)
}

// TestACREngineSignsWithTheInvocationsKeys: FC's STS keys of the
// invocation sign the acr engine's calls, ahead of any other key.
func TestACREngineSignsWithTheInvocationsKeys(t *testing.T) {
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "env-key-the-emulator-refuses")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret")
	emu := acrtest.New()
	t.Cleanup(emu.Close)
	emu.AddAccessKey("STS.invocation", "sts-secret", "sts-token")
	emu.AddRepository("cn-beijing", "cri-hpdfkc6utbaq", "ns1", "repo1")
	emu.AddInstance("cn-hangzhou", "cri-ibxs3piklys3")
	cfg, err := infra.Load(write(t, fmt.Sprintf("acr: {region: cn-beijing, endpoint: %q}\n", emu.URL)), os.Getenv)
	require.NoError(t, err)
	svc, err := infra.Build(cfg, infra.NewLogger(os.Stderr, cfg.Log))
	require.NoError(t, err)
	ctx := core.WithInvocationCredentials(context.Background(), core.InvocationCredentials{Cloud: core.CloudAlibaba,
		AccessKeyID: "STS.invocation", AccessKeySecret: "sts-secret", SecurityToken: "sts-token"})
	_, err = svc.Sync(ctx, core.SyncRequest{
		Source: core.Endpoint{Engine: "acr", Region: "cn-beijing", Instance: "cri-hpdfkc6utbaq", Namespace: "ns1", Repository: "repo1", Tag: "tag1"},
		Target: core.Endpoint{Engine: "acr", Region: "cn-hangzhou", Instance: "cri-ibxs3piklys3", Namespace: "ns1", Repository: "repo1"}})
	require.NoError(t, err)
	assert.Len(t, emu.Calls("CreateRepoSyncTask"), 1, "the emulator records only calls signed by a key it knows")
}

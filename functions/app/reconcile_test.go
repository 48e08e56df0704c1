package app_test

import (
	"fmt"
	"testing"

	"github.com/imagesync/imagesync/adapters/acr"
	"github.com/imagesync/imagesync/adapters/acr/acrtest"
	"github.com/imagesync/imagesync/adapters/swr/swrtest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReconcileAgainstEmulators: ticks make the clouds' auto-syncs what the
// configuration says, through the real SDKs against the ACR and SWR
// emulators: create what is missing, keep what is there, delete the rules
// imagesync made that are no longer wanted, never touch a hand-made rule.
func TestReconcileAgainstEmulators(t *testing.T) {
	acrSrv := acrtest.New()
	t.Cleanup(acrSrv.Close)
	acrSrv.AddRepository("cn-hangzhou", "cri-src", "team", "app")
	acrSrv.AddInstance("cn-beijing", "cri-dst")
	swrSrv := swrtest.New(swrtest.Config{})
	t.Cleanup(swrSrv.Close)
	swrSrv.AddRepository("team", "group/app")
	swrSrv.AddRemoteNamespace("cn-east-3", "team")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", acrtest.TestAccessKeyID)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", acrtest.TestAccessKeySecret)
	t.Setenv("CLOUD_SDK_AK", swrtest.TestAK)
	t.Setenv("CLOUD_SDK_SK", swrtest.TestSK)

	// Rules that exist before imagesync runs: one by hand, one imagesync made
	// for a configuration that has since changed.
	eng, err := acr.New(acr.Config{Endpoint: acrSrv.URL})
	require.NoError(t, err)
	src := core.Endpoint{Engine: "acr", Region: "cn-hangzhou", Instance: "cri-src", Namespace: "team", Repository: "app"}
	for name, ns := range map[string]string{"hand-made": "other", "imagesync-stale": "old"} {
		_, err := eng.CreateAutoSync(t.Context(), core.AutoSync{Name: name, Engine: "acr", Source: src,
			Target: core.Endpoint{Engine: "acr", Region: "cn-beijing", Instance: "cri-dst", Namespace: ns}})
		require.NoError(t, err)
	}

	a := newApp(t, fmt.Sprintf(`
acr: {endpoint: %q}
swr: {endpoint: %q, region: cn-north-4, projectId: %s}
autoSync:
  - name: imagesync-app-to-beijing
    engine: acr
    source: {region: cn-hangzhou, instance: cri-src, namespace: team, repository: app}
    target: {region: cn-beijing, instance: cri-dst, namespace: team}
    tagFilter: "v.*"
  - engine: swr
    source: {region: cn-north-4, namespace: team, repository: group/app}
    target: {region: cn-east-3, namespace: team}
`, acrSrv.URL, swrSrv.URL, swrtest.TestProjectID))

	out, err := a.Tick(t.Context(), nil, false)
	require.NoError(t, err)
	require.NotNil(t, out.Auto)
	assert.Len(t, out.Auto.Created, 2, "%+v", out.Auto)
	require.Len(t, out.Auto.Deleted, 1)
	assert.Equal(t, "imagesync-stale", out.Auto.Deleted[0].Name)
	names := []string{}
	for _, r := range acrSrv.Rules() {
		names = append(names, r.Name)
	}
	assert.ElementsMatch(t, []string{"hand-made", "imagesync-app-to-beijing"}, names)
	assert.Len(t, swrSrv.AutoSyncs("team", "group/app"), 1)

	out, err = a.Tick(t.Context(), nil, false)
	require.NoError(t, err)
	assert.Empty(t, out.Auto.Created, "a second tick finds everything in place")
	assert.Empty(t, out.Auto.Deleted)
	assert.Equal(t, 2, out.Auto.Kept)
}

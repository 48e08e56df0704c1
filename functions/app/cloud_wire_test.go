package app_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/imagesync/imagesync/adapters/acr/acrtest"
	"github.com/imagesync/imagesync/adapters/hss/hsstest"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/adapters/swr/swrtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCloudDefaultsWired: acr.region and swr.region are the regions a task
// query without one asks (and swr.projectId the project it asks in), read
// by app.New and answered by the ACR and SWR emulators; without the
// sections' regions the same queries are refused.
func TestCloudDefaultsWired(t *testing.T) {
	acrSrv := acrtest.New()
	t.Cleanup(acrSrv.Close)
	acrSrv.AddInstance("cn-hangzhou", "cri-src")
	swrSrv := swrtest.New(swrtest.Config{})
	t.Cleanup(swrSrv.Close)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", acrtest.TestAccessKeyID)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", acrtest.TestAccessKeySecret)
	t.Setenv("CLOUD_SDK_AK", swrtest.TestAK)
	t.Setenv("CLOUD_SDK_SK", swrtest.TestSK)

	with := newApp(t, fmt.Sprintf(`auth: {mode: none}
acr: {region: cn-hangzhou, endpoint: %q}
swr: {region: cn-north-4, projectId: %s, endpoint: %q}
`, acrSrv.URL, swrtest.TestProjectID, swrSrv.URL))
	without := newApp(t, fmt.Sprintf(`auth: {mode: none}
acr: {endpoint: %q}
swr: {endpoint: %q}
`, acrSrv.URL, swrSrv.URL))
	swrSrv.AddRepository("team", "app", "v1")
	for _, q := range []string{"?engine=acr&instance=cri-src", "?engine=swr&namespace=team&repository=app"} {
		status, out := call(t, with.HTTP, "", http.MethodGet, "/v1/syncs"+q, "")
		assert.Equal(t, http.StatusOK, status, "%s: %v", q, out)
		status, out = call(t, without.HTTP, "", http.MethodGet, "/v1/syncs"+q, "")
		assert.Equal(t, http.StatusBadRequest, status, "%s without a default region: %v", q, out)
		assert.Contains(t, fmt.Sprint(out), "region")
	}
	otherProject := newApp(t, fmt.Sprintf("auth: {mode: none}\nswr: {region: cn-north-4, projectId: %s, endpoint: %q}\n",
		"ffffffffffffffffffffffffffffffff", swrSrv.URL))
	status, out := call(t, otherProject.HTTP, "", http.MethodGet, "/v1/syncs?engine=swr&namespace=team&repository=app", "")
	assert.NotEqual(t, http.StatusOK, status, "the emulator knows only its own project: %v", out)
}

// TestHSSAfterWired: a push rule's target with after: [hss] refreshes
// HSS's image list once the copy succeeded, through the hss section read
// by app.New: its region (the header the emulator requires), its
// projectId (the only project it knows) and all: true (every registry).
func TestHSSAfterWired(t *testing.T) {
	hss := hsstest.New(hsstest.Config{})
	t.Cleanup(hss.Close)
	t.Setenv("CLOUD_SDK_AK", hsstest.TestAK)
	t.Setenv("CLOUD_SDK_SK", hsstest.TestSK)
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	digest := registrytest.PushIndex(t, src+"/team/app:v1", 512, 1, 1)
	a := newApp(t, fmt.Sprintf(`auth: {mode: none}
hss: {region: cn-north-4, projectId: %s, all: true, endpoint: %q}
onPush:
  - name: mirror
    match: {registry: %q, repository: "team/**"}
    targets: [{image: "%s/${path}:${tag}", after: [hss]}]
`, hsstest.TestProjectID, hss.URL, src, dst))
	status, out := post(t, a.HTTP, "/v1/events", distributionPush(src, "team/app", "v1", digest, "evt-hss"))
	require.Equal(t, http.StatusOK, status, out)
	assert.Equal(t, digest, registrytest.Digest(t, dst+"/team/app:v1"))
	require.Len(t, hss.Tasks(), 1, out)
	task := hss.Tasks()[0]
	assert.Equal(t, hsstest.TestProjectID, task.Project)
	assert.Equal(t, "cn-north-4", task.Region)
	assert.True(t, task.All)
}

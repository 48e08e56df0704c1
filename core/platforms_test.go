package core_test

import (
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckPlatforms(t *testing.T) {
	for _, tc := range []struct {
		in []string
		ok bool
	}{
		{nil, true},
		{[]string{"linux/amd64"}, true},
		{[]string{"linux/arm64/v8", "windows/amd64"}, true},
		{[]string{"all"}, true},
		{[]string{"all", "linux/amd64"}, false},
		{[]string{"linux"}, false},
		{[]string{"linux/arm/v7/x"}, false},
		{[]string{"Linux/AMD64"}, false},
		{[]string{"linux//v7"}, false},
		{[]string{"linux/amd64 "}, false},
	} {
		t.Run(fmtList(tc.in), func(t *testing.T) {
			assert.Equal(t, tc.ok, core.CheckPlatforms(tc.in) == "", core.CheckPlatforms(tc.in))
		})
	}
}

func fmtList(ss []string) string {
	out := "["
	for _, s := range ss {
		out += s + ";"
	}
	return out + "]"
}

// Platforms pick the registry engine even between two endpoints of one
// cloud (its native sync copies whole images); "all" does not.
func TestPlatformsRoute(t *testing.T) {
	acr := func(repo string) core.Endpoint {
		return core.Endpoint{Engine: core.EngineACR, Region: "cn-hangzhou", Instance: "cri-abcdefghijklmnop", Namespace: "team", Repository: repo, Tag: "v1"}
	}
	req := core.SyncRequest{Source: acr("a"), Target: acr("b")}
	assert.Equal(t, core.EngineACR, core.Route(req))
	req.Platforms = []string{"linux/amd64"}
	assert.Equal(t, core.EngineRegistry, core.Route(req))
	req.Platforms = []string{"all"}
	assert.Equal(t, core.EngineACR, core.Route(req))

	req = core.SyncRequest{Source: core.Endpoint{Image: "r.io/a:v1"}, Target: core.Endpoint{Image: "m.io/a"}, Platforms: []string{"linux"}}
	require.ErrorContains(t, req.Validate(), "platforms: each must be os/arch")
}

// A job's platforms go to each target that names none of its own (an HSS
// target takes none); a push rule's target carries its own.
func TestPlatformsPlanned(t *testing.T) {
	j := core.Job{Name: "j", Sources: []string{"r.io/team/app"}, Platforms: []string{"linux/amd64"},
		Targets: []core.TargetTemplate{
			{Endpoint: core.Endpoint{Image: "m.io/a/app"}},
			{Endpoint: core.Endpoint{Image: "m.io/b/app"}, Platforms: []string{"all"}},
			{Endpoint: core.Endpoint{Engine: core.EngineHSS, Project: "p", All: true}},
		}}
	require.NoError(t, j.Validate())
	reqs, reasons := j.PlanReasons("r.io/team/app", []string{"v1"})
	require.Empty(t, reasons)
	require.Len(t, reqs, 3)
	assert.Equal(t, []string{"linux/amd64"}, reqs[0].Platforms)
	assert.Equal(t, []string{"all"}, reqs[1].Platforms)
	assert.Empty(t, reqs[2].Platforms)

	j.Platforms = []string{"linux/amd64", "all"}
	assert.ErrorContains(t, j.Validate(), "platforms: \"all\" stands alone")

	r := core.PushRule{Name: "r", Targets: []core.TargetTemplate{{Endpoint: core.Endpoint{Image: "m.io/${path}"}, Platforms: []string{"linux/arm64/v8"}}}}
	require.NoError(t, r.Validate())
	reqs, _ = r.Plan(core.Push{Registry: "r.io", Repository: "team/app", Tag: "v1"})
	require.Len(t, reqs, 1)
	assert.Equal(t, []string{"linux/arm64/v8"}, reqs[0].Platforms)

	r.Targets[0].Platforms = []string{"arm64"}
	assert.ErrorContains(t, r.Validate(), "targets[0].platforms")
	r.Targets = []core.TargetTemplate{{Endpoint: core.Endpoint{Engine: core.EngineHSS, Project: "p", All: true}, Platforms: []string{"linux/amd64"}}}
	assert.ErrorContains(t, r.Validate(), "targets[0].platforms: an hss target copies nothing")
}

package core_test

import (
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
)

func acrRule(name, repo string) core.AutoSync {
	return core.AutoSync{Name: name, Engine: "acr",
		Source: core.Endpoint{Region: "cn-hangzhou", Instance: "cri-src1", Namespace: "team", Repository: repo},
		Target: core.Endpoint{Region: "cn-beijing", Instance: "cri-dst1", Namespace: "team", Repository: repo},
		Scope:  "REPO"}
}

func swrSync(repo string) core.AutoSync {
	return core.AutoSync{Engine: "swr",
		Source: core.Endpoint{Region: "cn-north-4", Namespace: "team", Repository: repo},
		Target: core.Endpoint{Region: "ap-southeast-1", Namespace: "team"}}
}

func TestReconcile(t *testing.T) {
	withID := func(a core.AutoSync, id string) core.AutoSync { a.ID = id; return a }
	withEngines := func(a core.AutoSync) core.AutoSync {
		a.Source.Engine, a.Target.Engine = a.Engine, a.Engine
		return a
	}
	named := func(a core.AutoSync, n string) core.AutoSync { a.Name = n; return a }
	desired := []core.AutoSync{acrRule("imagesync-app", "app"), acrRule("imagesync-web", "web"), named(swrSync("app"), "imagesync-app")}
	existing := []core.AutoSync{
		withEngines(withID(acrRule("imagesync-app", "app"), "r1")), // same, ID and default engines differ: kept
		withID(acrRule("imagesync-old", "old"), "r2"),              // ours, unwanted: deleted
		withID(acrRule("manual", "manual"), "r3"),                  // not ours: never deleted
		withID(acrRule("imagesync-app", "app"), "r4"),              // surplus duplicate of ours: deleted
		swrSync("app"),   // SWR keeps no names: matches the wanted one
		swrSync("other"), // SWR, no name: never ours
	}
	create, del := core.Reconcile(desired, existing)
	assert.Equal(t, []core.AutoSync{acrRule("imagesync-web", "web")}, create)
	assert.Equal(t, []string{"r2", "r4"}, []string{del[0].ID, del[1].ID})
	assert.Len(t, del, 2)

	create, del = core.Reconcile(nil, nil)
	assert.Empty(t, create)
	assert.Empty(t, del)
	a := acrRule("imagesync-x", "x")
	a.Scope = ""
	create, del = core.Reconcile([]core.AutoSync{a}, []core.AutoSync{acrRule("imagesync-x", "x")})
	assert.Empty(t, create, "an unset scope is REPO")
	assert.Empty(t, del)
}

func TestAutoSyncValidate(t *testing.T) {
	assert.NoError(t, acrRule("imagesync-app", "app").Validate())
	assert.NoError(t, swrSync("app").Validate())
	ns := acrRule("imagesync-ns", "")
	ns.Scope = "NAMESPACE"
	assert.NoError(t, ns.Validate())

	bad := acrRule("manual", "")
	bad.ID, bad.Scope, bad.TagFilter = "x", "ALL", "("
	bad.Target.Instance = "nope"
	assert.ElementsMatch(t, []string{"id", "name", "source.repository", "target.instance", "scope", "tagFilter"}, fields(bad.Validate()))

	s := swrSync("")
	s.Name, s.TagFilter = "manual", "v.*"
	s.Target.Region = "cn-hangzhou"
	assert.ElementsMatch(t, []string{"name", "source.repository", "target.region", "tagFilter"}, fields(s.Validate()))
	assert.Equal(t, []string{"engine"}, fields(core.AutoSync{}.Validate()))
}

package acr_test

import (
	"context"
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func seedRule() core.AutoSync {
	return core.AutoSync{
		Source:    core.Endpoint{Engine: core.EngineACR, Region: srcRegion, Instance: srcInstance, Namespace: "ns1", Repository: "repo1"},
		Target:    core.Endpoint{Engine: core.EngineACR, Region: dstRegion, Instance: dstInstance, Namespace: "ns1", Account: "1234567890"},
		TagFilter: "v.*",
	}
}

func TestAutoSyncCreateListDelete(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	created, err := f.eng.CreateAutoSync(ctx, seedRule())
	require.NoError(t, err)
	assert.NotEmpty(t, created.ID)
	assert.Equal(t, "REPO", created.Scope)
	assert.Equal(t, "repo1", created.Target.Repository, "target repository defaults to the source's")
	assert.Regexp(t, `^imagesync-[0-9a-f]{12}$`, created.Name)

	calls := f.srv.Calls("CreateRepoSyncRule")
	require.Len(t, calls, 1)
	assert.Equal(t, map[string]string{"Action": "CreateRepoSyncRule", "RegionId": srcRegion, "InstanceId": srcInstance,
		"NamespaceName": "ns1", "RepoName": "repo1", "TargetRegionId": dstRegion, "TargetInstanceId": dstInstance,
		"TargetNamespaceName": "ns1", "TargetRepoName": "repo1", "TargetUserId": "1234567890", "TagFilter": "v.*",
		"SyncScope": "REPO", "SyncRuleName": created.Name, "SyncTrigger": "PASSIVE"}, calls[0].Params)

	again, err := f.eng.CreateAutoSync(ctx, seedRule())
	require.NoError(t, err)
	assert.Equal(t, created.ID, again.ID, "an equal rule is not created twice")
	assert.Len(t, f.srv.Rules(), 1)

	listed, err := f.eng.AutoSyncs(ctx, core.Endpoint{Region: srcRegion, Instance: srcInstance, Namespace: "ns1"})
	require.NoError(t, err)
	require.Len(t, listed, 1)
	assert.Equal(t, created, listed[0])

	require.NoError(t, f.eng.DeleteAutoSync(ctx, listed[0]))
	assert.Empty(t, f.srv.Rules())
	err = f.eng.DeleteAutoSync(ctx, listed[0])
	assert.Equal(t, "not_found", core.KindOf(err), err)
}

func TestAutoSyncDeleteWithoutIDFindsEqualRule(t *testing.T) {
	f := newFixture(t)
	_, err := f.eng.CreateAutoSync(context.Background(), seedRule())
	require.NoError(t, err)
	require.NoError(t, f.eng.DeleteAutoSync(context.Background(), seedRule()))
	assert.Empty(t, f.srv.Rules())
}

func TestAutoSyncRefusesBadRules(t *testing.T) {
	tests := []struct {
		name string
		edit func(*core.AutoSync)
	}{
		{"no target instance", func(a *core.AutoSync) { a.Target.Instance = "" }},
		{"bad scope", func(a *core.AutoSync) { a.Scope = "ALL" }},
		{"namespace scope naming a repository", func(a *core.AutoSync) { a.Scope = "NAMESPACE" }},
		{"bad account", func(a *core.AutoSync) { a.Target.Account = "abc" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			a := seedRule()
			tt.edit(&a)
			_, err := f.eng.CreateAutoSync(context.Background(), a)
			assert.Equal(t, "invalid", core.KindOf(err), err)
			assert.Empty(t, f.srv.Calls("CreateRepoSyncRule"))
		})
	}
}

func TestRunRuleCreatesTaskByRule(t *testing.T) {
	f := newFixture(t)
	rule, err := f.eng.CreateAutoSync(context.Background(), seedRule())
	require.NoError(t, err)
	src := core.Endpoint{Engine: core.EngineACR, Region: srcRegion, Instance: srcInstance, Namespace: "ns1", Repository: "repo1", Tag: "v1"}
	task, err := f.eng.RunRule(context.Background(), src, rule.ID)
	require.NoError(t, err)
	assert.Equal(t, core.StatusPending, task.Status)

	calls := f.srv.Calls("CreateRepoSyncTaskByRule")
	require.Len(t, calls, 1)
	assert.Equal(t, map[string]string{"Action": "CreateRepoSyncTaskByRule", "RegionId": srcRegion, "InstanceId": srcInstance,
		"SyncRuleId": rule.ID, "RepoId": f.repoID, "Tag": "v1"}, calls[0].Params)
	tasks := f.srv.Tasks()
	require.Len(t, tasks, 1)
	assert.Equal(t, rule.ID, tasks[0].SyncRuleID)

	got, err := f.eng.Task(context.Background(), task.ID)
	require.NoError(t, err)
	assert.Equal(t, dstInstance, got.Target.Instance)

	_, err = f.eng.RunRule(context.Background(), src, "crsr-missing")
	assert.Equal(t, "not_found", core.KindOf(err), err)
}

package acr_test

import (
	"context"
	"testing"

	"github.com/imagesync/imagesync/adapters/acr"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSyncCreatesTaskWithEveryParameter(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(*core.SyncRequest)
		params map[string]string
	}{
		{"seed example, target tag defaults to source tag", func(*core.SyncRequest) {},
			map[string]string{"TargetTag": "tag1", "Override": "false"}},
		{"cross-account target with override", func(r *core.SyncRequest) {
			r.Target.Account, r.Target.Tag, r.Override = "1234567890", "v2", true
		}, map[string]string{"TargetUserId": "1234567890", "TargetTag": "v2", "Override": "true"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			req := seedRequest()
			tt.edit(&req)
			task, err := f.eng.Sync(context.Background(), req)
			require.NoError(t, err)

			calls := f.srv.Calls("CreateRepoSyncTask")
			require.Len(t, calls, 1)
			want := map[string]string{"Action": "CreateRepoSyncTask", "RegionId": srcRegion, "InstanceId": srcInstance,
				"RepoId": f.repoID, "Tag": "tag1", "TargetInstanceId": dstInstance, "TargetNamespace": "ns1",
				"TargetRegionId": dstRegion, "TargetRepoName": "repo1"}
			for k, v := range tt.params {
				want[k] = v
			}
			assert.Equal(t, want, calls[0].Params)

			tasks := f.srv.Tasks()
			require.Len(t, tasks, 1)
			assert.Equal(t, "acr:"+srcRegion+":"+srcInstance+":"+tasks[0].SyncTaskID, task.ID)
			assert.Equal(t, core.StatusPending, task.Status)
			assert.Equal(t, "PENDING", task.ProviderStatus)
			assert.Equal(t, core.EngineACR, task.Engine)
			assert.Equal(t, tt.params["TargetTag"], task.Target.Tag)
			assert.Equal(t, tt.params["TargetUserId"], tasks[0].TargetUserID)
		})
	}
}

func TestSyncReturnsInFlightTaskInsteadOfDuplicate(t *testing.T) {
	f := newFixture(t)
	first, err := f.eng.Sync(context.Background(), seedRequest())
	require.NoError(t, err)
	second, err := f.eng.Sync(context.Background(), seedRequest())
	require.NoError(t, err)

	assert.Equal(t, first.ID, second.ID)
	assert.Len(t, f.srv.Tasks(), 1)
	assert.Len(t, f.srv.Calls("CreateRepoSyncTask"), 1)
	assert.Equal(t, "PENDING", second.ProviderStatus)

	other := seedRequest()
	other.Target.Namespace = "ns2"
	third, err := f.eng.Sync(context.Background(), other)
	require.NoError(t, err)
	assert.NotEqual(t, first.ID, third.ID, "another target is another task")
}

func TestSyncCreatesAgainOnceTheTaskEnded(t *testing.T) {
	f := newFixture(t)
	first, err := f.eng.Sync(context.Background(), seedRequest())
	require.NoError(t, err)
	require.True(t, f.srv.SetTaskStatus(f.srv.Tasks()[0].SyncTaskID, "SUCCESS", ""))
	second, err := f.eng.Sync(context.Background(), seedRequest())
	require.NoError(t, err)
	assert.NotEqual(t, first.ID, second.ID)
	assert.Len(t, f.srv.Tasks(), 2)
}

func TestSyncDryRunCreatesNothing(t *testing.T) {
	f := newFixture(t)
	req := seedRequest()
	req.DryRun = true
	task, err := f.eng.Sync(context.Background(), req)
	require.NoError(t, err)
	assert.True(t, task.DryRun)
	assert.Equal(t, core.StatusSuccess, task.Status)
	assert.Equal(t, acr.ProviderStatusDryRun, task.ProviderStatus)
	assert.Empty(t, task.ID)
	assert.Empty(t, f.srv.Tasks())
	assert.Len(t, f.srv.Calls("GetRepository"), 1, "a dry run still resolves the repository")
}

func TestSyncRefusesBadRequests(t *testing.T) {
	tests := []struct {
		name string
		edit func(*core.SyncRequest)
		kind string
	}{
		{"unknown repository", func(r *core.SyncRequest) { r.Source.Repository = "nope" }, "not_found"},
		{"unknown instance", func(r *core.SyncRequest) { r.Source.Instance = "cri-unknown" }, "not_found"},
		{"missing tag", func(r *core.SyncRequest) { r.Source.Tag = "" }, "invalid"},
		{"registry target", func(r *core.SyncRequest) { r.Target = core.Endpoint{Image: "docker.io/library/x:1"} }, "invalid"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			req := seedRequest()
			tt.edit(&req)
			_, err := f.eng.Sync(context.Background(), req)
			require.Error(t, err)
			assert.Equal(t, tt.kind, core.KindOf(err), err.Error())
			assert.Empty(t, f.srv.Tasks())
		})
	}
}

func TestRepoIDResolvedOncePerProcess(t *testing.T) {
	f := newFixture(t)
	for _, tag := range []string{"tag1", "tag2", "tag3"} {
		req := seedRequest()
		req.Source.Tag = tag
		_, err := f.eng.Sync(context.Background(), req)
		require.NoError(t, err)
	}
	lookups := f.srv.Calls("GetRepository")
	require.Len(t, lookups, 1)
	assert.Equal(t, map[string]string{"Action": "GetRepository", "RegionId": srcRegion, "InstanceId": srcInstance,
		"RepoNamespaceName": "ns1", "RepoName": "repo1"}, lookups[0].Params)
	for _, c := range f.srv.Calls("CreateRepoSyncTask") {
		assert.Equal(t, f.repoID, c.Params["RepoId"])
	}
}

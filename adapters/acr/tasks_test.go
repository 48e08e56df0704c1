package acr_test

import (
	"context"
	"testing"

	"github.com/imagesync/imagesync/adapters/acr"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// syncTags creates one task per tag of ns1/repo1.
func syncTags(t *testing.T, f *fixture, tags ...string) []core.Task {
	t.Helper()
	var out []core.Task
	for _, tag := range tags {
		req := seedRequest()
		req.Source.Tag = tag
		task, err := f.eng.Sync(context.Background(), req)
		require.NoError(t, err)
		out = append(out, task)
	}
	return out
}

func TestTasksFiltersAndPages(t *testing.T) {
	f := newFixture(t)
	f.srv.AddRepository(srcRegion, srcInstance, "ns1", "other")
	syncTags(t, f, "a", "b", "c", "d", "e")
	f.srv.SetProgress(false)
	other := seedRequest()
	other.Source.Repository = "other"
	_, err := f.eng.Sync(context.Background(), other)
	require.NoError(t, err)

	tests := []struct {
		name      string
		q         core.TaskQuery
		wantTags  []string
		wantTotal int
	}{
		{"first page of the repository", core.TaskQuery{Namespace: "ns1", Repository: "repo1", Page: 1, PageSize: 2}, []string{"e", "d"}, 5},
		{"last page", core.TaskQuery{Namespace: "ns1", Repository: "repo1", Page: 3, PageSize: 2}, []string{"a"}, 5},
		{"by tag", core.TaskQuery{Namespace: "ns1", Repository: "repo1", Tag: "c", Page: 1, PageSize: 10}, []string{"c"}, 1},
		{"whole instance", core.TaskQuery{Instance: srcInstance, Region: srcRegion, Page: 1, PageSize: 10}, []string{"tag1", "e", "d", "c", "b", "a"}, 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := f.eng.Tasks(context.Background(), tt.q)
			require.NoError(t, err)
			var tags []string
			for _, task := range page.Tasks {
				tags = append(tags, task.Source.Tag)
				assert.Equal(t, core.EngineACR, task.Engine)
				assert.Equal(t, dstInstance, task.Target.Instance)
			}
			assert.Equal(t, tt.wantTags, tags)
			assert.Equal(t, tt.wantTotal, page.Total)
		})
	}
	last := f.srv.Calls("ListRepoSyncTask")
	assert.Equal(t, map[string]string{"Action": "ListRepoSyncTask", "RegionId": srcRegion, "InstanceId": srcInstance,
		"PageNo": "1", "PageSize": "10"}, last[len(last)-1].Params)
}

func TestListTasksBySyncRecordKeepsEveryField(t *testing.T) {
	f := newFixture(t)
	syncTags(t, f, "a", "b")
	want := f.srv.Tasks()[0]
	f.srv.SetProgress(false)
	list, total, err := f.eng.ListTasks(context.Background(), acr.TaskFilter{SyncRecordID: want.SyncBatchTaskID})
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, 1, total)
	got := list[0]
	assert.Equal(t, want.SyncTaskID, got.SyncTaskID)
	assert.Equal(t, want.SyncBatchTaskID, got.SyncBatchTaskID)
	assert.Equal(t, "INITIATIVE", got.TaskTrigger)
	assert.Equal(t, acr.Image{RegionID: srcRegion, InstanceID: srcInstance, RepoNamespaceName: "ns1", RepoName: "repo1", ImageTag: "a"}, got.ImageFrom)
	assert.Equal(t, acr.Image{RegionID: dstRegion, InstanceID: dstInstance, RepoNamespaceName: "ns1", RepoName: "repo1", ImageTag: "a"}, got.ImageTo)
	assert.NotZero(t, got.CreateTime)
}

func TestTaskFollowsProviderStatus(t *testing.T) {
	f := newFixture(t)
	created := syncTags(t, f, "tag1")[0]
	for _, want := range []struct {
		status   core.TaskStatus
		provider string
	}{{core.StatusPending, "PENDING"}, {core.StatusSyncing, "SYNCHRONIZING"}, {core.StatusSuccess, "SUCCESS"}, {core.StatusSuccess, "SUCCESS"}} {
		// the emulator advances a task each time it has shown it
		task, err := f.eng.Task(context.Background(), created.ID)
		require.NoError(t, err)
		assert.Equal(t, created.ID, task.ID)
		assert.Equal(t, want.status, task.Status)
		assert.Equal(t, want.provider, task.ProviderStatus)
		assert.Equal(t, "tag1", task.Source.Tag)
		assert.Equal(t, dstRegion, task.Target.Region)
	}
}

func TestTaskKeepsIssueOfFailedTask(t *testing.T) {
	f := newFixture(t)
	created := syncTags(t, f, "tag1")[0]
	id := f.srv.Tasks()[0].SyncTaskID
	tests := []struct {
		provider, issue string
		want            core.TaskStatus
	}{
		{"ERROR", "NETWORK_ERROR", core.StatusFailed},
		{"CANCELED", "", core.StatusCanceled},
		{"PENDING", "", core.StatusPending},
	}
	f.srv.SetProgress(false)
	for _, tt := range tests {
		t.Run(tt.provider, func(t *testing.T) {
			require.True(t, f.srv.SetTaskStatus(id, tt.provider, tt.issue))
			task, err := f.eng.Task(context.Background(), created.ID)
			require.NoError(t, err)
			assert.Equal(t, tt.want, task.Status)
			assert.Equal(t, tt.provider, task.ProviderStatus)
			assert.Equal(t, tt.issue, task.Issue)
			if tt.want == core.StatusFailed {
				require.NotNil(t, task.Error)
				assert.Equal(t, "unavailable", task.Error.Kind)
				assert.Contains(t, task.Error.Message, "NETWORK_ERROR")
			}
		})
	}
}

func TestTaskLookupErrors(t *testing.T) {
	f := newFixture(t)
	_, err := f.eng.Task(context.Background(), "acr:"+srcRegion+":"+srcInstance+":rst-missing")
	assert.Equal(t, "not_found", core.KindOf(err), err)
	_, err = f.eng.Task(context.Background(), "acr:rst-only")
	assert.Equal(t, "invalid", core.KindOf(err), err)

	noDefaults, err := acr.New(acr.Config{Endpoint: f.srv.URL})
	require.NoError(t, err)
	_, err = noDefaults.Tasks(context.Background(), core.TaskQuery{})
	assert.Equal(t, "invalid", core.KindOf(err), err)
}

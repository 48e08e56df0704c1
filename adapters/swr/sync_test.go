package swr_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/imagesync/imagesync/core"
)

func TestSyncCreatesSignedJobAndFollowsIt(t *testing.T) {
	e, srv := newEnv(t)
	ctx := context.Background()
	task, err := e.Sync(ctx, syncReq("v1"))
	require.NoError(t, err)
	assert.Equal(t, core.StatusPending, task.Status)
	assert.Equal(t, "waiting", task.ProviderStatus)
	assert.True(t, strings.HasPrefix(task.ID, "swr:cn-north-4:ns1:group$app:v1:cn-east-3:ns1:"), task.ID)
	assert.True(t, strings.HasSuffix(task.ID, ":1"), task.ID)
	assert.Equal(t, "group/app", task.Target.Repository)

	created := ops(srv, "CreateManualImageSyncRepo")
	require.Len(t, created, 1)
	assert.Equal(t, "/v2/manage/namespaces/ns1/repos/group$app/sync_images", created[0].RawPath)
	assert.JSONEq(t, `{"imageTag":["v1"],"override":false,"remoteNamespace":"ns1","remoteRegionId":"cn-east-3"}`,
		string(created[0].Body))
	assert.Equal(t, 200, created[0].Status, "the emulator verified the signature")
	assert.Contains(t, created[0].Header.Get("Authorization"), "SDK-HMAC-SHA256 Access=")

	for _, want := range []core.TaskStatus{core.StatusSyncing, core.StatusSuccess} {
		got, err := e.Task(ctx, task.ID)
		require.NoError(t, err)
		assert.Equal(t, want, got.Status)
		assert.Equal(t, task.ID, got.ID)
	}
}

func TestSyncOverrideAndExisted(t *testing.T) {
	e, srv := newEnv(t)
	ctx := context.Background()
	req := syncReq("v1")
	req.Override = true
	first, err := e.Sync(ctx, req)
	require.NoError(t, err)
	assert.JSONEq(t, `{"imageTag":["v1"],"override":true,"remoteNamespace":"ns1","remoteRegionId":"cn-east-3"}`,
		string(ops(srv, "CreateManualImageSyncRepo")[0].Body))
	for range 2 {
		_, err = e.Task(ctx, first.ID)
		require.NoError(t, err)
	}
	second, err := e.Sync(ctx, syncReq("v1"))
	require.NoError(t, err)
	assert.NotEqual(t, first.ID, second.ID)
	for range 2 {
		second, err = e.Task(ctx, second.ID)
		require.NoError(t, err)
	}
	assert.Equal(t, core.StatusSuccess, second.Status)
	assert.True(t, second.Skipped)
	assert.Equal(t, "existed", second.ProviderStatus)
}

func TestSyncDedupesInFlightJob(t *testing.T) {
	e, srv := newEnv(t)
	ctx := context.Background()
	a, err := e.Sync(ctx, syncReq("v1"))
	require.NoError(t, err)
	b, err := e.Sync(ctx, syncReq("v1"))
	require.NoError(t, err)
	assert.Equal(t, a.ID, b.ID)
	assert.Len(t, ops(srv, "CreateManualImageSyncRepo"), 1)

	c, err := e.Sync(ctx, syncReq("v2"))
	require.NoError(t, err)
	assert.NotEqual(t, a.ID, c.ID, "another tag is another job")
}

func TestSyncRefusesWhatSWRCannotDo(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(*core.SyncRequest)
		field string
	}{
		{"renamed tag", func(r *core.SyncRequest) { r.Target.Tag = "other" }, "target.tag"},
		{"renamed repository", func(r *core.SyncRequest) { r.Target.Repository = "group/other" }, "target.repository"},
		{"same repository", func(r *core.SyncRequest) { r.Target.Region = "cn-north-4" }, "target"},
		{"registry target", func(r *core.SyncRequest) { r.Target = core.Endpoint{Image: "docker.io/a/b:v1"} }, "target.engine"},
		{"unknown region", func(r *core.SyncRequest) { r.Target.Region = "eu-west-0" }, "target.region"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, srv := newEnv(t)
			req := syncReq("v1")
			tt.edit(&req)
			_, err := e.Sync(context.Background(), req)
			require.ErrorIs(t, err, core.ErrInvalid)
			assert.Contains(t, fieldsOf(t, err), tt.field)
			assert.Empty(t, ops(srv, "CreateManualImageSyncRepo"), "refused before any sync call")
		})
	}
}

func TestSyncRegionListIsCached(t *testing.T) {
	e, srv := newEnv(t)
	for _, tag := range []string{"v1", "v2", "v3"} {
		_, err := e.Sync(context.Background(), syncReq(tag))
		require.NoError(t, err)
	}
	assert.Len(t, ops(srv, "ListSyncRegions"), 1)
}

func TestSyncDryRunCreatesNothing(t *testing.T) {
	e, srv := newEnv(t)
	req := syncReq("v1")
	req.DryRun = true
	task, err := e.Sync(context.Background(), req)
	require.NoError(t, err)
	assert.Equal(t, "DRY_RUN", task.ProviderStatus)
	assert.Empty(t, ops(srv, "CreateManualImageSyncRepo"))
}

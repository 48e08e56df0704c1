package swr_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/imagesync/imagesync/core"
)

func autoSync(override bool) core.AutoSync {
	r := syncReq("")
	return core.AutoSync{Engine: "swr", Source: r.Source, Target: r.Target, Override: override}
}

func TestAutoSyncCreateListDelete(t *testing.T) {
	e, srv := newEnv(t)
	ctx := context.Background()

	got, err := e.CreateAutoSync(ctx, autoSync(false))
	require.NoError(t, err)
	assert.Equal(t, "cn-east-3", got.Target.Region)
	posts := ops(srv, "CreateImageSyncRepo")
	require.Len(t, posts, 1)
	assert.Equal(t, "/v2/manage/namespaces/ns1/repos/group$app/sync_repo", posts[0].RawPath)
	assert.Equal(t, `{"remoteRegionId":"cn-east-3","remoteNamespace":"ns1","syncAuto":true,"override":false}`,
		string(trimNL(posts[0].Body)), "exactly the seed's body")

	_, err = e.CreateAutoSync(ctx, autoSync(false))
	require.NoError(t, err)
	assert.Len(t, ops(srv, "CreateImageSyncRepo"), 1, "an equal one is left alone")

	list, err := e.AutoSyncs(ctx, autoSync(false).Source)
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, autoSync(false).Target.Namespace, list[0].Target.Namespace)
	assert.Equal(t, "group/app", list[0].Target.Repository)

	_, err = e.CreateAutoSync(ctx, autoSync(true))
	require.NoError(t, err)
	rules := srv.AutoSyncs("ns1", "group/app")
	require.Len(t, rules, 1, "another override replaces the rule")
	assert.True(t, rules[0].Override)

	require.NoError(t, e.DeleteAutoSync(ctx, list[0]))
	assert.Empty(t, srv.AutoSyncs("ns1", "group/app"))
	require.NoError(t, e.DeleteAutoSync(ctx, list[0]), "deleting what is gone is fine")
	del := ops(srv, "DeleteImageSyncRepo")
	assert.JSONEq(t, `{"remoteRegionId":"cn-east-3","remoteNamespace":"ns1"}`, string(del[0].Body))
}

func TestAutoSyncRefusals(t *testing.T) {
	e, srv := newEnv(t)
	ctx := context.Background()
	a := autoSync(false)
	a.Target.Region = "ap-southeast-1"
	_, err := e.CreateAutoSync(ctx, a)
	require.ErrorIs(t, err, core.ErrInvalid)
	assert.Contains(t, fieldsOf(t, err), "target.region")

	_, err = e.AutoSyncs(ctx, core.Endpoint{Engine: "swr", Region: "cn-north-4", Namespace: "ns1"})
	require.ErrorIs(t, err, core.ErrInvalid)

	_, err = e.AutoSyncs(ctx, core.Endpoint{Engine: "swr", Region: "cn-north-4", Namespace: "ns1", Repository: "missing"})
	require.ErrorIs(t, err, core.ErrNotFound)
	assert.Empty(t, ops(srv, "CreateImageSyncRepo"))
}

func trimNL(b []byte) []byte {
	for len(b) > 0 && (b[len(b)-1] == '\n') {
		b = b[:len(b)-1]
	}
	return b
}

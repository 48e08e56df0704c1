package hss_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/imagesync/imagesync/adapters/hss"
	"github.com/imagesync/imagesync/adapters/hss/hsstest"
	"github.com/imagesync/imagesync/core"
)

func TestSyncExplicitTargets(t *testing.T) {
	all := core.Endpoint{Engine: "hss", Project: hsstest.TestProjectID, Region: "cn-north-4", All: true, EnterpriseProject: "ep-1"}
	tests := []struct {
		name   string
		target core.Endpoint
		body   string
		query  string
	}{
		{"registries", target(swrPrivate, harbor),
			`{"sync_all_registries":false,"registry_info":[{"registry_id":"reg-swr-1","registry_type":"SwrPrivate"},{"registry_id":"reg-harbor-1","registry_type":"Harbor"}]}`, ""},
		{"all", all, `{"sync_all_registries":true}`, "enterprise_project_id=ep-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, srv := newEnv(t, hss.Config{})
			task, err := e.Sync(context.Background(), core.SyncRequest{Target: tt.target})
			require.NoError(t, err)
			assert.Equal(t, core.StatusSuccess, task.Status)
			assert.Equal(t, hss.StatusSubmitted, task.ProviderStatus)
			reqs := srv.Requests()
			require.Len(t, reqs, 1)
			assert.Equal(t, 200, reqs[0].Status)
			assert.Equal(t, "/v5/"+hsstest.TestProjectID+"/image/image-sync/tasks", reqs[0].RawPath)
			assert.Equal(t, "cn-north-4", reqs[0].Header.Get("region"))
			assert.Equal(t, hsstest.TestProjectID, reqs[0].Header.Get("X-Project-Id"))
			assert.JSONEq(t, tt.body, string(reqs[0].Body))
			assert.Equal(t, tt.query, reqs[0].Query)
			require.Len(t, srv.Tasks(), 1)
		})
	}
}

func TestSyncAfterStepUsesDefaults(t *testing.T) {
	byHost := map[string]core.HSSRegistry{"swr.cn-north-4.myhuaweicloud.com": swrPrivate, "harbor.example.com": harbor}
	tests := []struct {
		name   string
		cfg    hss.Config
		source core.Endpoint
		want   []core.HSSRegistry
		all    bool
	}{
		{"by swr host", hss.Config{RegistriesByHost: byHost},
			core.Endpoint{Engine: "swr", Region: "cn-north-4", Namespace: "ns1", Repository: "app", Tag: "v1"}, []core.HSSRegistry{swrPrivate}, false},
		{"by image host", hss.Config{Region: "cn-north-4", RegistriesByHost: byHost, All: true},
			core.Endpoint{Image: "harbor.example.com/team/app:v1"}, []core.HSSRegistry{harbor}, false},
		{"default registries", hss.Config{Region: "cn-north-4", Registries: []core.HSSRegistry{swrPrivate}},
			core.Endpoint{Image: "docker.io/library/nginx:1"}, []core.HSSRegistry{swrPrivate}, false},
		{"default all", hss.Config{Region: "cn-north-4", All: true},
			core.Endpoint{Image: "docker.io/library/nginx:1"}, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.cfg.ProjectID = hsstest.TestProjectID
			e, srv := newEnv(t, tt.cfg)
			task, err := e.Sync(context.Background(), core.SyncRequest{Source: tt.source, Target: core.Endpoint{Engine: "hss"}})
			require.NoError(t, err)
			assert.Equal(t, core.StatusSuccess, task.Status)
			require.Len(t, srv.Tasks(), 1)
			got := srv.Tasks()[0]
			assert.Equal(t, tt.want, got.Registries)
			assert.Equal(t, tt.all, got.All)
			assert.Equal(t, "cn-north-4", task.Target.Region)
			assert.Equal(t, hsstest.TestProjectID, task.Target.Project)
		})
	}
}

func TestSyncAfterStepWithoutConfigIsInvalid(t *testing.T) {
	tests := []struct {
		name  string
		cfg   hss.Config
		field string
	}{
		{"no project", hss.Config{Region: "cn-north-4", All: true}, "target.project"},
		{"no registries", hss.Config{Region: "cn-north-4", ProjectID: hsstest.TestProjectID}, "target.registries"},
		{"no region", hss.Config{ProjectID: hsstest.TestProjectID, All: true}, "target.region"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, srv := newEnv(t, tt.cfg)
			_, err := e.Sync(context.Background(), core.SyncRequest{Source: core.Endpoint{Image: "ghcr.io/a/b:v1"},
				Target: core.Endpoint{Engine: "hss"}})
			require.ErrorIs(t, err, core.ErrInvalid)
			var v *core.ValidationError
			require.ErrorAs(t, err, &v)
			assert.Equal(t, tt.field, v.Fields[0].Field)
			assert.Empty(t, srv.Requests())
		})
	}
}

func TestSyncDryRunCallsNothing(t *testing.T) {
	e, srv := newEnv(t, hss.Config{})
	task, err := e.Sync(context.Background(), core.SyncRequest{Target: target(swrPrivate), DryRun: true})
	require.NoError(t, err)
	assert.Equal(t, hss.StatusDryRun, task.ProviderStatus)
	assert.Empty(t, srv.Requests())
}

package acr_test

import (
	"context"
	"testing"

	"github.com/imagesync/imagesync/adapters/acr/acrtest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func target(ns, repo string) core.Endpoint {
	return core.Endpoint{Engine: core.EngineACR, Region: dstRegion, Instance: dstInstance, Namespace: ns, Repository: repo}
}

func TestPrepareCreatesNamespaceAndRepository(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	require.NoError(t, f.eng.Prepare(ctx, target("newns", "app")))
	assert.True(t, f.srv.HasRepository(dstInstance, "newns", "app"))

	ns := f.srv.Calls("CreateNamespace")
	require.Len(t, ns, 1)
	assert.Equal(t, map[string]string{"Action": "CreateNamespace", "RegionId": dstRegion, "InstanceId": dstInstance,
		"NamespaceName": "newns", "AutoCreateRepo": "false", "DefaultRepoType": "PRIVATE"}, ns[0].Params)
	repos := f.srv.Calls("CreateRepository")
	require.Len(t, repos, 2, "the first try finds no namespace")
	assert.Equal(t, "PRIVATE", repos[1].Params["RepoType"])
	assert.Equal(t, "app", repos[1].Params["RepoName"])
	assert.Equal(t, "newns", repos[1].Params["RepoNamespaceName"])

	// Idempotent: an existing repository is fine, and no namespace is made.
	require.NoError(t, f.eng.Prepare(ctx, target("newns", "app")))
	assert.Len(t, f.srv.Calls("CreateNamespace"), 1)

	// A second repository in an existing namespace: one call.
	require.NoError(t, f.eng.Prepare(ctx, target("newns", "other")))
	assert.Len(t, f.srv.Calls("CreateRepository"), 4)
	assert.Len(t, f.srv.Calls("CreateNamespace"), 1)
}

func TestPrepareFailures(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	err := f.eng.Prepare(ctx, core.Endpoint{Engine: core.EngineACR, Region: dstRegion, Instance: dstInstance})
	assert.ErrorIs(t, err, core.ErrInvalid)

	f.srv.Fail(acrtest.Fault{Action: "CreateRepository", Code: "NoPrivilege"})
	err = f.eng.Prepare(ctx, target("ns", "app"))
	assert.ErrorIs(t, err, core.ErrForbidden)
	assert.False(t, f.srv.HasRepository(dstInstance, "ns", "app"))
}

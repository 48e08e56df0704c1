package swr_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/imagesync/imagesync/core"
)

func swrTarget(ns, repo string) core.Endpoint {
	return core.Endpoint{Engine: core.EngineSWR, Region: "cn-north-4", Namespace: ns, Repository: repo}
}

func TestPrepareCreatesNamespaceAndRepo(t *testing.T) {
	e, srv := newEnv(t)
	ctx := context.Background()
	require.NoError(t, e.Prepare(ctx, swrTarget("newns", "group/web")))
	assert.True(t, srv.HasRepository("newns", "group/web"))

	repos := ops(srv, "CreateRepo")
	require.Len(t, repos, 2, "the first try finds no organization")
	assert.Equal(t, "/v2/manage/namespaces/newns/repos", repos[1].RawPath)
	var body map[string]any
	require.NoError(t, json.Unmarshal(repos[1].Body, &body))
	assert.Equal(t, "group/web", body["repository"])
	assert.Equal(t, false, body["is_public"])
	ns := ops(srv, "CreateNamespace")
	require.Len(t, ns, 1)
	assert.JSONEq(t, `{"namespace":"newns"}`, string(ns[0].Body))

	// Idempotent; an existing organization costs one call.
	require.NoError(t, e.Prepare(ctx, swrTarget("newns", "group/web")))
	require.NoError(t, e.Prepare(ctx, swrTarget("ns1", "other")))
	assert.Len(t, ops(srv, "CreateRepo"), 4)
	assert.Len(t, ops(srv, "CreateNamespace"), 1)
}

func TestPrepareRefusesBadTarget(t *testing.T) {
	e, srv := newEnv(t)
	err := e.Prepare(context.Background(), swrTarget("", "app"))
	assert.ErrorIs(t, err, core.ErrInvalid)
	assert.Empty(t, ops(srv, "CreateRepo"))
}

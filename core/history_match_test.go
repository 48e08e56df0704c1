package core_test

import (
	"context"
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// anyEngine copies nothing and succeeds.
type anyEngine struct{}

func (anyEngine) Name() string { return core.EngineRegistry }
func (anyEngine) Sync(context.Context, core.SyncRequest) (core.Task, error) {
	return core.Task{Status: core.StatusSuccess}, nil
}

// TestHistoryFiltersByPlace: the place filters match the registry
// engine's tasks whether their endpoints are references (by path) or
// cloud coordinates (by field), on either side.
func TestHistoryFiltersByPlace(t *testing.T) {
	s := core.New(core.WithEngine(anyEngine{}))
	ctx := context.Background()
	acr := core.Endpoint{Engine: core.EngineACR, Region: "cn-hangzhou", Instance: "cri-a", Namespace: "team", Repository: "app", Tag: "v1"}
	for _, req := range []core.SyncRequest{
		{Source: core.Endpoint{Image: "src.io/team/app:v1"}, Target: core.Endpoint{Image: "dst.io/mirror/team/app:v1"}, Engine: core.EngineRegistry},
		{Source: acr, Target: core.Endpoint{Image: "dst.io/cn/app:v1"}, Engine: core.EngineRegistry},
	} {
		_, err := s.Sync(ctx, req)
		require.NoError(t, err)
	}
	for q, want := range map[core.TaskQuery]int{
		{}:                              2,
		{Namespace: "team"}:             2,
		{Repository: "team/app"}:        2,
		{Repository: "mirror/team/app"}: 1,
		{Repository: "team/app", Namespace: "mirror"}: 1,
		{Region: "cn-hangzhou"}:                       1,
		{Region: "cn-hangzhou", Instance: "cri-a"}:    1,
		{Region: "cn-hangzhou", Instance: "cri-b"}:    0,
		{Namespace: "cn"}:                             1,
	} {
		page, err := s.Tasks(ctx, q)
		require.NoError(t, err)
		assert.Equal(t, want, page.Total, "%+v", q)
	}
}

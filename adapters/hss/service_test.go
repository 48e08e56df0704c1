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

// copier stands in for the registry engine: every copy succeeds.
type copier struct{}

func (copier) Name() string { return core.EngineRegistry }
func (copier) Sync(context.Context, core.SyncRequest) (core.Task, error) {
	return core.Task{Status: core.StatusSuccess}, nil
}

func TestAfterStepRunsOnceThroughTheService(t *testing.T) {
	e, srv := newEnv(t, hss.Config{Region: "cn-north-4", ProjectID: hsstest.TestProjectID,
		RegistriesByHost: map[string]core.HSSRegistry{"harbor.example.com": harbor}})
	s := core.New(core.WithEngine(copier{}), core.WithEngine(e))
	task, err := s.Sync(context.Background(), core.SyncRequest{
		Source: core.Endpoint{Image: "docker.io/library/nginx:1.27"},
		Target: core.Endpoint{Image: "harbor.example.com/mirror/nginx:1.27"},
		After:  []string{"hss"},
	})
	require.NoError(t, err)
	require.Len(t, task.After, 1)
	assert.Equal(t, core.StatusSuccess, task.After[0].Status)
	assert.Equal(t, hss.StatusSubmitted, task.After[0].ProviderStatus)
	require.Len(t, srv.Tasks(), 1)
	assert.Equal(t, []core.HSSRegistry{harbor}, srv.Tasks()[0].Registries)
}

package acr_test

import (
	"context"
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The acceptance path through the core Service: an ACR to ACR
// request routes to this engine, a repeated request returns the same task,
// and queries reach the emulator.
func TestThroughCoreService(t *testing.T) {
	f := newFixture(t)
	svc := core.New(core.WithEngine(f.eng))
	ctx := context.Background()

	first, err := svc.Sync(ctx, seedRequest())
	require.NoError(t, err)
	second, err := svc.Sync(ctx, seedRequest())
	require.NoError(t, err)
	assert.Equal(t, first.ID, second.ID)
	assert.Len(t, f.srv.Tasks(), 1)
	assert.Equal(t, core.EngineACR, first.Engine)

	page, err := svc.Tasks(ctx, core.TaskQuery{Engine: core.EngineACR, Namespace: "ns1", Repository: "repo1", Tag: "tag1"})
	require.NoError(t, err)
	require.Len(t, page.Tasks, 1)
	assert.Equal(t, first.ID, page.Tasks[0].ID)

	got, err := svc.Task(ctx, first.ID)
	require.NoError(t, err)
	assert.Equal(t, first.ID, got.ID)
	assert.Equal(t, "SUCCESS", got.ProviderStatus, "shown three times: PENDING, SYNCHRONIZING, SUCCESS")
}

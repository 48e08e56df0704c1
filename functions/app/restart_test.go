package app_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTickSurvivesRestart: a tick cut short by its deadline leaves work
// undone; a fresh process's next tick completes it, copying only what the
// first did not, and a third finds nothing to do.
func TestTickSurvivesRestart(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	for i := range 12 {
		registrytest.PushIndex(t, fmt.Sprintf("%s/team/app:1.%d.0", src, i), 4<<10, 1, 2)
	}
	config := fmt.Sprintf(`
auth: {mode: none}
concurrency: 2
jobs:
  - name: mirror
    sources: ["%s/team/app"]
    targets: [{image: "%s/team/app:${tag}"}]
`, src, dst)

	first := newApp(t, config)
	ctx, cancel := context.WithTimeout(t.Context(), 3500*time.Millisecond)
	defer cancel()
	time.Sleep(600 * time.Millisecond) // leave less than the 3 s margin a copy needs: nothing may start
	out, err := first.Tick(ctx, nil, false)
	require.Error(t, err, "work left undone asks for another tick")
	require.Len(t, out.Jobs, 1)
	assert.Equal(t, 12, out.Jobs[0].Remaining)

	second := newApp(t, config) // a restarted process: no memory of the first
	out, err = second.Tick(t.Context(), nil, false)
	require.NoError(t, err)
	assert.Equal(t, 12, out.Jobs[0].Copied)
	assert.Zero(t, out.Jobs[0].Remaining)

	third := newApp(t, config)
	out, err = third.Tick(t.Context(), nil, false)
	require.NoError(t, err)
	assert.Zero(t, out.Jobs[0].Copied)
	assert.Equal(t, 12, out.Jobs[0].Skipped, "finished work is not redone")
}

package core_test

import (
	"context"
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Zero and nil option values mean the documented default, never a panic
// at the first sync; a nil engine is refused when the Service is built.
func TestOptionsZeroValuesKeepDefaults(t *testing.T) {
	s := core.New(
		core.WithEngine(&fakeEngine{name: "registry"}),
		core.WithLogger(nil),
		core.WithClock(nil),
		core.WithConcurrency(-3),
		core.WithHistory(-5),
	)
	task, err := s.Sync(context.Background(), plain())
	require.NoError(t, err)
	assert.False(t, task.CreatedAt.IsZero(), "the clock is time.Now")
	_, err = s.Task(context.Background(), task.ID)
	require.ErrorIs(t, err, core.ErrNotFound, "a negative history keeps none")

	assert.PanicsWithValue(t, "core: WithEngine(nil)", func() { core.New(core.WithEngine(nil)) })
}

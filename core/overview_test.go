package core_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// What a status page reads: the configured triggers, the recent tasks of
// every engine newest first, and each job's last run (dry runs aside).
func TestOverview(t *testing.T) {
	reg := newFake()
	reg.tags["src.io/team/app"] = []string{"1.0.0", "1.1.0"}
	trig := core.Triggers{Jobs: []core.Job{{
		Name: "mirror", Schedule: "@daily", Sources: []string{"src.io/team/app"},
		Targets: []core.TargetTemplate{{Endpoint: core.Endpoint{Image: "dst.io/${path}:${tag}"}}},
	}}}
	var ticks atomic.Int64 // the clock is read by the tick's syncs at once
	s := core.New(core.WithEngine(reg), core.WithTriggers(trig), core.WithHistory(3),
		core.WithClock(func() time.Time { return time.Unix(1_800_000_000+ticks.Add(1), 0) }))
	assert.Equal(t, trig, s.Triggers())
	jobs, rec := s.LastRuns()
	assert.Empty(t, jobs)
	assert.Nil(t, rec)

	_, err := s.OnTick(context.Background(), core.Tick{Jobs: []string{"mirror"}}, true)
	require.NoError(t, err)
	jobs, _ = s.LastRuns()
	assert.Empty(t, jobs, "a dry run is not a run")

	_, err = s.OnTick(context.Background(), core.Tick{}, false)
	require.NoError(t, err)
	jobs, _ = s.LastRuns()
	require.Contains(t, jobs, "mirror")
	assert.Equal(t, 2, jobs["mirror"].Outcome.Copied)
	assert.True(t, jobs["mirror"].Finished.After(jobs["mirror"].Started))

	_, err = s.Sync(context.Background(), core.SyncRequest{Source: core.Endpoint{Image: "src.io/a:v9"}, Target: core.Endpoint{Image: "dst.io/a:v9"}})
	require.NoError(t, err)
	recent := s.Recent(10)
	require.Len(t, recent, 3, "the history keeps 3")
	assert.Equal(t, "src.io/a:v9", recent[0].Source.Image, "newest first")
	assert.Len(t, s.Recent(1), 1)
}

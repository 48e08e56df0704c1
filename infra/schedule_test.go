package infra_test

import (
	"testing"
	"time"

	"github.com/imagesync/imagesync/infra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseSchedule(t *testing.T) {
	at := time.Date(2026, 12, 8, 2, 59, 30, 0, time.UTC)
	cases := []struct {
		expr string
		next string // the first run after at, UTC
	}{
		{"0 3 * * *", "2026-12-08T03:00:00Z"},
		{"*/15 * * * *", "2026-12-08T03:00:00Z"},
		{"CRON_TZ=Asia/Shanghai 0 11 * * *", "2026-12-08T03:00:00Z"},
		{"TZ=Europe/Paris 30 4 * * 1-5", "2026-12-08T03:30:00Z"},
		{"@hourly", "2026-12-08T03:00:00Z"},
		{"@daily", "2026-12-09T00:00:00Z"},
		{"@weekly", "2026-12-13T00:00:00Z"},
		{"@monthly", "2027-01-01T00:00:00Z"},
		{"@every 10m", "2026-12-08T03:00:00Z"},
		{"@every 2s", "2026-12-08T02:59:32Z"},
	}
	for _, c := range cases {
		t.Run(c.expr, func(t *testing.T) {
			s, err := infra.ParseSchedule(c.expr)
			require.NoError(t, err)
			assert.Equal(t, c.next, s.Next(at).UTC().Format(time.RFC3339))
		})
	}
	for _, bad := range []string{"banana", "61 25 * * *", "0 3 * *", "0 0 3 * * *", "@every 0s", "@every 500ms",
		"@every soon", "CRON_TZ=Mars/Olympus 0 3 * * *", "@sometimes"} {
		_, err := infra.ParseSchedule(bad)
		assert.Error(t, err, bad)
	}
}

// TestEveryIsAlignedOnTheClock: an @every schedule is due at the same
// marks whatever the time it is asked from.
func TestEveryIsAlignedOnTheClock(t *testing.T) {
	runs, err := infra.NextRuns("@every 6h", time.Date(2026, 12, 8, 13, 7, 0, 0, time.UTC), 3)
	require.NoError(t, err)
	assert.Equal(t, []time.Time{time.Date(2026, 12, 8, 18, 0, 0, 0, time.UTC), time.Date(2026, 12, 9, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 12, 9, 6, 0, 0, 0, time.UTC)}, runs)
}

// TestLoadRefusesBadSchedules: every unreadable schedule is named by its
// path, with a bad tick interval, in one error.
func TestLoadRefusesBadSchedules(t *testing.T) {
	_, err := infra.Load(write(t, `tickInterval: 7m
jobs:
  - {name: a, schedule: "0 3 * * *", sources: [src.io/team/a], targets: [{image: dst.io/team/a}]}
  - {name: b, schedule: banana, sources: [src.io/team/b], targets: [{image: dst.io/team/b}]}
  - {name: c, schedule: "61 25 * * *", sources: [src.io/team/c], targets: [{image: dst.io/team/c}]}
`), env(nil))
	require.Error(t, err)
	for _, want := range []string{"jobs[1].schedule", "jobs[2].schedule", "tickInterval"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.NotContains(t, err.Error(), "jobs[0]")
}

func TestTickInterval(t *testing.T) {
	cfg, err := infra.Load("", env(nil))
	require.NoError(t, err)
	assert.Equal(t, time.Minute, cfg.Tick(), "the default")
	cfg, err = infra.Load(write(t, "tickInterval: 5m\n"), env(nil))
	require.NoError(t, err)
	assert.Equal(t, 5*time.Minute, cfg.Tick())
	cfg, err = infra.Load(write(t, "tickInterval: 5m\n"), env(map[string]string{"IMAGESYNC_TICK_INTERVAL": "15m"}))
	require.NoError(t, err)
	assert.Equal(t, 15*time.Minute, cfg.Tick(), "the environment wins")
	for _, bad := range []string{"45s", "7m", "90m", "5h"} {
		_, err = infra.Load("", env(map[string]string{"IMAGESYNC_TICK_INTERVAL": bad}))
		assert.ErrorContains(t, err, "IMAGESYNC_TICK_INTERVAL", bad)
	}
	for _, good := range []string{"1m", "2m", "30m", "1h", "2h", "24h"} {
		_, err = infra.Load("", env(map[string]string{"IMAGESYNC_TICK_INTERVAL": good}))
		assert.NoError(t, err, good)
	}
}

// TestCheckDeploy: on the platforms a job may not be due more often than
// the tick; serve has no such bound.
func TestCheckDeploy(t *testing.T) {
	cfg, err := infra.Load(write(t, `jobs:
  - {name: a, schedule: "@every 30s", sources: [src.io/team/a], targets: [{image: dst.io/team/a}]}
  - {name: b, schedule: "* * * * *", sources: [src.io/team/b], targets: [{image: dst.io/team/b}]}
  - {name: c, schedule: "0 9-17 * * 1-5", sources: [src.io/team/c], targets: [{image: dst.io/team/c}]}
  - {name: d, sources: [src.io/team/d], targets: [{image: dst.io/team/d}]}
`), env(nil))
	require.NoError(t, err, "serve runs them all")
	err = infra.CheckDeploy(cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "jobs[0].schedule")
	assert.NotContains(t, err.Error(), "jobs[1]", "every minute is what a 1m tick does")

	cfg.TickInterval = 5 * time.Minute
	err = infra.CheckDeploy(cfg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "jobs[1].schedule")
	assert.NotContains(t, err.Error(), "jobs[2]")
	assert.NotContains(t, err.Error(), "jobs[3]")
}

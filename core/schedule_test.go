package core_test

import (
	"context"
	"testing"
	"time"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// daily is a Schedule due once a day at hh:mm UTC.
type daily struct{ hh, mm int }

func (d daily) Next(t time.Time) time.Time {
	t = t.UTC()
	at := time.Date(t.Year(), t.Month(), t.Day(), d.hh, d.mm, 0, 0, time.UTC)
	if !at.After(t) {
		at = at.AddDate(0, 0, 1)
	}
	return at
}

func parseDaily(expr string) (core.Schedule, error) {
	switch expr {
	case "at-0300":
		return daily{3, 0}, nil
	case "at-0430":
		return daily{4, 30}, nil
	}
	return nil, core.Errorf(core.ErrInvalid, "unknown schedule %q", expr)
}

// TestTickWindowRunsTheDueJobs: a tick with a window runs the jobs due in
// it and those without a schedule; a tick naming jobs runs them whatever
// their schedule; a tick without a window runs every job.
func TestTickWindowRunsTheDueJobs(t *testing.T) {
	job := func(name, schedule string) core.Job {
		return core.Job{Name: name, Schedule: schedule, Sources: []string{"src.io/team/" + name},
			Targets: []core.TargetTemplate{{Endpoint: core.Endpoint{Image: "dst.io/team/" + name}}}}
	}
	jobs := []core.Job{job("due", "at-0300"), job("later", "at-0430"), job("always", ""), job("broken", "nonsense")}
	three := time.Date(2026, 12, 8, 3, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		tick core.Tick
		want []string
	}{
		{"window", core.Tick{Time: three, Since: three.Add(-time.Minute)}, []string{"due", "always"}},
		{"window just after", core.Tick{Time: three.Add(time.Minute), Since: three}, []string{"always"}},
		{"named", core.Tick{Time: three, Since: three.Add(-time.Minute), Jobs: []string{"later"}}, []string{"later"}},
		{"no window", core.Tick{Time: three}, []string{"due", "later", "always", "broken"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			reg := &memRegistry{repos: map[string]map[string]bool{}}
			for _, j := range jobs {
				reg.repos[j.Sources[0]] = set("v1")
			}
			s := core.New(core.WithEngine(reg), core.WithTriggers(core.Triggers{Jobs: jobs}), core.WithSchedules(parseDaily))
			out, err := s.OnTick(context.Background(), c.tick, false)
			require.NoError(t, err)
			var ran []string
			for _, j := range out.Jobs {
				ran = append(ran, j.Name)
				assert.Equal(t, 1, j.Copied, j.Name)
			}
			assert.Equal(t, c.want, ran)
		})
	}
}

func TestDueIn(t *testing.T) {
	three := time.Date(2026, 12, 8, 3, 0, 0, 0, time.UTC)
	assert.True(t, core.DueIn(daily{3, 0}, three.Add(-time.Minute), three), "the window's end is in it")
	assert.False(t, core.DueIn(daily{3, 0}, three, three.Add(time.Minute)), "its start is not")
}

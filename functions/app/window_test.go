package app_test

import (
	"strings"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/functions/app"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scheduled is a configuration of three jobs over an empty registry at
// reg (their sources are not found: what matters is which jobs run).
func scheduled(reg string) string {
	return strings.ReplaceAll(`
auth: {mode: none}
jobs:
  - {name: due, schedule: "0 3 * * *", sources: ["REG/team/due"], targets: [{image: "REG/mirror/due"}]}
  - {name: later, schedule: "30 4 * * *", sources: ["REG/team/later"], targets: [{image: "REG/mirror/later"}]}
  - {name: always, sources: ["REG/team/always"], targets: [{image: "REG/mirror/always"}]}
`, "REG", reg)
}

// TestTimerTicksRunTheJobsDueSinceTheLast: each platform's timer event runs
// the jobs due in the interval before its own time (rounded to the tick),
// and those without a schedule; one naming a job runs it; a manual tick
// runs every job.
func TestTimerTicksRunTheJobsDueSinceTheLast(t *testing.T) {
	a := newApp(t, scheduled(registrytest.InMemory(t)))
	cases := []struct {
		name, body string
		headers    map[string]string
		want       []string
	}{
		{"eventbridge at 03:00:04", `{"version":"0","id":"e1","detail-type":"Scheduled Event","source":"aws.events",` +
			`"time":"2026-12-08T03:00:04Z","detail":{}}`, nil, []string{"due", "always"}},
		{"eventbridge at 03:01", `{"version":"0","id":"e2","detail-type":"Scheduled Event","source":"aws.events",` +
			`"time":"2026-12-08T03:01:00Z","detail":{}}`, nil, []string{"always"}},
		{"eventbridge naming a job", `{"version":"0","id":"e3","detail-type":"Scheduled Event","source":"aws.events",` +
			`"time":"2026-12-08T03:01:00Z","detail":{"jobs":["later"]}}`, nil, []string{"later"}},
		{"fc timer", `{"triggerTime":"2026-12-08T04:30:00Z","triggerName":"tick","payload":""}`, nil, []string{"later", "always"}},
		{"functiongraph timer, +08:00", `{"version":"v1.0","time":"2026-12-08T11:00:00+08:00","trigger_type":"TIMER",` +
			`"trigger_name":"tick","user_event":""}`, nil, []string{"due", "always"}},
		{"cloud scheduler", `{}`, map[string]string{"X-CloudScheduler": "true",
			"X-CloudScheduler-ScheduleTime": "2026-12-08T02:59:58Z"}, []string{"due", "always"}},
		{"manual tick", `{"jobs":[]}`, nil, []string{"due", "later", "always"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, _ := a.HandleEvent(t.Context(), []byte(c.body), c.headers, true)
			require.NotNil(t, out.Tick, "%+v", out)
			assert.Equal(t, c.want, ran(out))
		})
	}
}

// TestTimerWindowIsTheTickInterval: the window is tickInterval long and a
// retried tick gets the same one.
func TestTimerWindowIsTheTickInterval(t *testing.T) {
	a := newApp(t, scheduled(registrytest.InMemory(t))+"tickInterval: 15m\n")
	body := `{"triggerTime":"2026-12-08T04:29:40Z","triggerName":"tick","payload":""}`
	for range 2 {
		out, _ := a.HandleEvent(t.Context(), []byte(body), nil, true)
		require.NotNil(t, out.Tick)
		assert.Equal(t, time.Date(2026, 12, 8, 4, 30, 0, 0, time.UTC), out.Tick.Time)
		assert.Equal(t, time.Date(2026, 12, 8, 4, 15, 0, 0, time.UTC), out.Tick.Since)
		assert.Equal(t, []string{"later", "always"}, ran(out))
	}
}

func ran(out app.Outcome) []string {
	var names []string
	for _, j := range out.Jobs {
		names = append(names, j.Name)
	}
	return names
}

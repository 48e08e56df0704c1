package infra

import (
	"fmt"
	"time"

	"github.com/imagesync/imagesync/core"
)

// EnvTickInterval overrides tickInterval; the deploy files set it beside
// the timer whose period it must equal.
const EnvTickInterval = "IMAGESYNC_TICK_INTERVAL"

// Tick returns the tick interval: tickInterval, else DefaultTickInterval.
func (c Config) Tick() time.Duration {
	if c.TickInterval > 0 {
		return c.TickInterval
	}
	return DefaultTickInterval
}

// applyTickEnv reads IMAGESYNC_TICK_INTERVAL over tickInterval.
func applyTickEnv(cfg *Config, getenv func(string) string, v *core.ValidationError) {
	s := getenv(EnvTickInterval)
	if s == "" {
		return
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		v.Add(EnvTickInterval, "must be a duration such as 1m or 5m")
		return
	}
	cfg.TickInterval = d
}

// validateSchedules refuses a job schedule that cannot be read, naming
// jobs[N].schedule, and a tick interval the platform timers cannot keep:
// whole minutes dividing an hour (1m, 2m, 5m, 10m, 15m, 30m …) or whole
// hours dividing a day, so that ticks fall on the same marks every day.
func validateSchedules(c *Config, v *core.ValidationError) {
	for i, j := range c.Jobs {
		if j.Schedule == "" {
			continue
		}
		if _, err := ParseSchedule(j.Schedule); err != nil {
			v.Add(fmt.Sprintf("jobs[%d].schedule", i), err.Error())
		}
	}
	if d := c.TickInterval; d != 0 && !tickDivides(d) {
		v.Add("tickInterval", "must be whole minutes dividing an hour (1m, 2m, 5m, 10m, 15m, 30m, 60m) or whole hours dividing a day")
	}
}

func tickDivides(d time.Duration) bool {
	switch {
	case d <= 0 || d%time.Minute != 0:
		return false
	case d <= time.Hour:
		return time.Hour%d == 0
	default:
		return d%time.Hour == 0 && (24*time.Hour)%d == 0
	}
}

// CheckDeploy checks what the platform functions need beyond Load: a job
// may not be due more often than the tick interval, since each tick runs
// it at most once (a serve process has no such bound). Every problem is
// listed, naming jobs[N].schedule.
func CheckDeploy(c Config) error {
	v := &core.ValidationError{}
	tick := c.Tick()
	for i, j := range c.Jobs {
		sched, err := ParseSchedule(j.Schedule)
		if j.Schedule == "" || err != nil {
			continue
		}
		if gap := shortestGap(sched, time.Now()); gap < tick {
			v.Add(fmt.Sprintf("jobs[%d].schedule", i), fmt.Sprintf("due every %v, more often than the platforms' tick "+
				"(tickInterval %v): each tick runs a job once; use %v or more, or tickInterval", gap, tick, tick))
		}
	}
	return v.Err()
}

// shortestGap is the shortest time between two of sched's runs over the
// next 8 days (or 2000 runs), enough to see every cron pattern's weeks.
func shortestGap(sched core.Schedule, from time.Time) time.Duration {
	gap := time.Duration(1<<63 - 1)
	prev := sched.Next(from)
	for i, end := 0, from.Add(8*24*time.Hour); i < 2000 && !prev.IsZero() && prev.Before(end); i++ {
		next := sched.Next(prev)
		if next.IsZero() {
			break
		}
		gap = min(gap, next.Sub(prev))
		prev = next
	}
	return gap
}

package infra

import (
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // CRON_TZ= zones resolve where the platform has no zoneinfo

	"github.com/imagesync/imagesync/core"
	"github.com/robfig/cron/v3"
)

// DefaultTickInterval is how often the platforms' one timer ticks unless
// tickInterval (IMAGESYNC_TICK_INTERVAL) says otherwise.
const DefaultTickInterval = time.Minute

// cronParser reads standard 5-field cron (minute first), the CRON_TZ= (or
// TZ=) prefix and the @yearly/@monthly/@weekly/@daily/@hourly descriptors.
var cronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

var _ core.ScheduleParser = ParseSchedule

// ParseSchedule reads a job's schedule: 5-field cron such as "0 3 * * *"
// (UTC unless prefixed "CRON_TZ=Europe/Paris "), a descriptor (@hourly,
// @daily, @weekly, @monthly, @yearly) or "@every <duration>" (whole
// seconds, at least 1s). An @every schedule is aligned on the clock, not
// on a start time: "@every 10m" is due at :00, :10, :20 … UTC, so that
// every process and every tick agree on when it is due.
func ParseSchedule(expr string) (core.Schedule, error) {
	if rest, ok := strings.CutPrefix(expr, "@every "); ok {
		d, err := time.ParseDuration(strings.TrimSpace(rest))
		if err != nil {
			return nil, fmt.Errorf("@every takes a duration such as 30s, 10m or 6h: %v", err)
		}
		if d < time.Second || d%time.Second != 0 {
			return nil, fmt.Errorf("@every takes whole seconds, at least 1s")
		}
		return every(d), nil
	}
	s, err := cronParser.Parse(expr)
	if err != nil {
		return nil, fmt.Errorf("not a schedule (5-field cron such as \"0 3 * * *\", CRON_TZ=Zone prefix, @daily, @every 10m): %v", err)
	}
	return s, nil
}

// every is an @every schedule, aligned on multiples of its duration since
// Go's zero time (so on UTC midnight for any duration dividing a day).
type every time.Duration

func (e every) Next(t time.Time) time.Time {
	d := time.Duration(e)
	return t.Truncate(d).Add(d)
}

// NextRuns returns the next n times expr is due after t, in UTC.
func NextRuns(expr string, t time.Time, n int) ([]time.Time, error) {
	s, err := ParseSchedule(expr)
	if err != nil {
		return nil, err
	}
	out := make([]time.Time, 0, n)
	for len(out) < n {
		if t = s.Next(t); t.IsZero() {
			break
		}
		out = append(out, t.UTC())
	}
	return out, nil
}

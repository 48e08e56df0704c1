package app

import (
	"time"

	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/events"
)

// timers are the tick formats of the platforms' timers: EventBridge
// schedules, FC and FunctionGraph timer triggers, Cloud Scheduler.
var timers = map[string]bool{events.AWSSchedule: true, events.FCTimer: true, events.FGTimer: true, events.CloudScheduler: true}

// window makes a platform timer's tick that names no job run the jobs due
// since the previous tick: its time (the event's own, else now) rounded to
// the tick interval, back one interval. It keeps no state, so a tick that
// is redelivered or retried runs the same jobs again (copies that are done
// are skipped), and one interval's ticks cover every minute exactly once.
func (a *App) window(t *core.Tick) {
	if len(t.Jobs) > 0 || !timers[t.Source] {
		return
	}
	every := a.Config.Tick()
	at := t.Time
	if at.IsZero() {
		at = time.Now()
	}
	at = at.UTC().Round(every)
	t.Time, t.Since = at, at.Add(-every)
}

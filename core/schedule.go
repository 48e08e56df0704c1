package core

import "time"

// Schedule is a job's schedule, read: Next is the first time after t when
// the job is due (the zero time: never again).
type Schedule interface {
	Next(t time.Time) time.Time
}

// ScheduleParser reads a job's schedule expression (Job.Schedule). Core
// does not read cron itself: infra gives it one.
type ScheduleParser func(expr string) (Schedule, error)

// WithSchedules sets how job schedules are read, so that a tick with a
// window (Tick.Since) runs only the jobs due in it. Without it no schedule
// is read and every job is due on every tick.
func WithSchedules(p ScheduleParser) Option { return func(s *Service) { s.schedule = p } }

// DueIn reports whether sched has a time in the window (since, until].
func DueIn(sched Schedule, since, until time.Time) bool {
	next := sched.Next(since)
	return !next.IsZero() && !next.After(until)
}

// due reports whether the tick runs job j: always when the tick names jobs
// (Wants decides), has no window or j no schedule, else when j's schedule
// falls in the window. A
// schedule that cannot be read (refused at load, so never in practice) is
// never due, and says so.
func (s *Service) due(j Job, t Tick) bool {
	if len(t.Jobs) > 0 || t.Since.IsZero() || j.Schedule == "" || s.schedule == nil {
		return true
	}
	sched, err := s.schedule(j.Schedule)
	if err != nil {
		s.log.Warn("job not run: its schedule cannot be read", "job", j.Name, "error", err.Error())
		return false
	}
	return DueIn(sched, t.Since, t.Time)
}

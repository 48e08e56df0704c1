package app

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/functions/httpapi"
	"github.com/imagesync/imagesync/infra"
)

// RunSchedules runs each job that has a schedule when it is due, in this
// process (imagesync serve; the functions rely on their platform's timer
// instead), until ctx ends. One run of a job at a time: a run still going
// when the job is due again makes that run skipped, and logged. When ctx
// ends no run starts; those under way get up to grace to finish, then
// their context is cancelled, and RunSchedules returns once they are gone.
// Jobs without a schedule run only when a tick asks for them.
func (a *App) RunSchedules(ctx context.Context, grace time.Duration) {
	var entries []scheduled
	for _, j := range a.Config.Jobs {
		if j.Schedule == "" {
			continue
		}
		s, err := infra.ParseSchedule(j.Schedule) // checked at load: cannot fail here
		if err != nil {
			a.Log.Error("job not scheduled", slog.String("job", j.Name), slog.String("error", err.Error()))
			continue
		}
		entries = append(entries, scheduled{name: j.Name, sched: s})
	}
	run := func(ctx context.Context, name string, due time.Time) {
		out, err := a.Service.OnTick(ctx, core.Tick{Time: due, Jobs: []string{name}, Source: "schedule"}, false)
		attrs := []slog.Attr{slog.String("job", name), slog.Time("due", due), slog.Any("outcome", out.Jobs)}
		if err != nil {
			a.Log.LogAttrs(ctx, slog.LevelWarn, "scheduled run", append(attrs, slog.String("error", err.Error()))...)
			return
		}
		a.Log.LogAttrs(ctx, slog.LevelInfo, "scheduled run", attrs...)
	}
	runSchedules(ctx, entries, run, grace, a.Log, time.Now)
}

// scheduled is one job's name and schedule.
type scheduled struct {
	name  string
	sched core.Schedule
}

// runSchedules is RunSchedules over entries, with run as the job's run
// and now as the clock (a test's bubble has its own).
func runSchedules(ctx context.Context, entries []scheduled, run func(context.Context, string, time.Time),
	grace time.Duration, log *slog.Logger, now func() time.Time) {
	if len(entries) == 0 {
		return
	}
	runCtx, cancelRuns := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelRuns()
	var runs, loops sync.WaitGroup
	for _, e := range entries {
		loops.Add(1)
		go func() {
			defer loops.Done()
			e.loop(ctx, runCtx, &runs, run, log, now)
		}()
	}
	log.Info("schedules on", slog.Int("jobs", len(entries)))
	loops.Wait()
	done := make(chan struct{})
	go func() { runs.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(grace):
		log.Warn("scheduled runs cut short at shutdown", slog.Duration("grace", grace))
		cancelRuns()
		<-done
	}
}

// loop waits for each time e is due and starts a run then, unless the
// last one still runs.
func (e scheduled) loop(ctx, runCtx context.Context, runs *sync.WaitGroup,
	run func(context.Context, string, time.Time), log *slog.Logger, now func() time.Time) {
	busy := make(chan struct{}, 1)
	for {
		due := e.sched.Next(now())
		if due.IsZero() {
			return
		}
		t := time.NewTimer(due.Sub(now()))
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		select {
		case busy <- struct{}{}:
		default:
			log.Warn("scheduled run skipped: the last one still runs", slog.String("job", e.name), slog.Time("due", due))
			continue
		}
		runs.Add(1)
		go func() {
			defer runs.Done()
			defer func() { <-busy }()
			run(runCtx, e.name, due)
		}()
	}
}

// statusPage is what the status page shows of the configuration: where it
// came from, and each job's next run as its schedule says.
func statusPage(src infra.Source) httpapi.StatusPage {
	return httpapi.StatusPage{ConfigSource: src.From, ConfigDigest: src.Digest,
		NextRun: func(expr string, now time.Time) (time.Time, error) {
			s, err := infra.ParseSchedule(expr)
			if err != nil {
				return time.Time{}, err
			}
			return s.Next(now), nil
		}}
}

package app

import (
	"context"
	"log/slog"

	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/events"
)

// Outcome is what an event led to. It always holds what was decoded.
type Outcome struct {
	Format  string                `json:"format"`
	Pushes  []core.Push           `json:"pushes,omitempty"`
	Tick    *core.Tick            `json:"tick,omitempty"`
	Syncs   []SyncLine            `json:"syncs,omitempty"`   // started, done or (dry run) planned
	Failed  []core.Failure        `json:"failed,omitempty"`  // syncs that failed
	Ignored string                `json:"ignored,omitempty"` // why nothing was to be done
	Entries []events.Ignored      `json:"ignoredEntries,omitempty"`
	Jobs    []core.JobOutcome     `json:"jobs,omitempty"`
	Auto    *core.AutoSyncOutcome `json:"autoSync,omitempty"`
	DryRun  bool                  `json:"dryRun,omitempty"`
}

// SyncLine is one sync an event started or planned.
type SyncLine struct {
	Source  core.Endpoint   `json:"source"`
	Target  core.Endpoint   `json:"target"`
	Engine  string          `json:"engine"`
	Digest  string          `json:"digest,omitempty"`
	TaskID  string          `json:"taskId,omitempty"`
	Status  core.TaskStatus `json:"status,omitempty"`
	Skipped bool            `json:"skipped,omitempty"`
}

// Event handles a push or schedule payload from a platform trigger. A
// payload that cannot lead anywhere (undecodable, naming unknown jobs) is
// logged and acknowledged: the error is non-nil only for a failure that a
// redelivery may cure (unavailable, throttled).
func (a *App) Event(ctx context.Context, body []byte, headers map[string]string) (Outcome, error) {
	out, err := a.HandleEvent(ctx, body, headers, false)
	if err != nil && !core.IsKind(err, core.ErrUnavailable, core.ErrThrottled) {
		a.Log.WarnContext(ctx, "event acknowledged without effect", slog.String("format", out.Format),
			slog.String("kind", core.KindOf(err)), slog.String("reason", err.Error()))
		out.Ignored = err.Error()
		return out, nil
	}
	return out, err
}

// HandleEvent decodes and acts on a payload; an undecodable one is an
// ErrInvalid naming the format tried (the HTTP API answers it with 400).
func (a *App) HandleEvent(ctx context.Context, body []byte, headers map[string]string, dryRun bool) (Outcome, error) {
	d, err := events.Decode(body, headers, events.Options{Format: headers["x-imagesync-format"], Host: a.Config.Events.Host})
	out := Outcome{Format: d.Format, Pushes: d.Pushes, Tick: d.Tick, Entries: d.Ignored, DryRun: dryRun}
	if err != nil {
		return out, err
	}
	if d.Tick != nil {
		a.window(d.Tick)
		return a.tick(ctx, out, *d.Tick, dryRun)
	}
	var firstErr error
	for _, p := range d.Pushes {
		po, err := a.Service.OnPush(ctx, p, dryRun)
		out.add(po)
		if err != nil && firstErr == nil {
			firstErr = err
		}
	}
	if len(out.Syncs) == 0 && len(out.Failed) == 0 && out.Ignored == "" {
		out.Ignored = ignoredReason(d.Pushes, d.Ignored)
	}
	return out, firstErr
}

// Tick runs the named jobs (all when none) now.
func (a *App) Tick(ctx context.Context, jobs []string, dryRun bool) (Outcome, error) {
	return a.tick(ctx, Outcome{Format: events.ManualTick, DryRun: dryRun}, core.Tick{Jobs: jobs, Source: "http"}, dryRun)
}

func (a *App) tick(ctx context.Context, out Outcome, t core.Tick, dryRun bool) (Outcome, error) {
	out.Tick = &t
	to, err := a.Service.OnTick(ctx, t, dryRun)
	out.Jobs, out.Auto = to.Jobs, to.AutoSync
	for _, j := range to.Jobs {
		for _, p := range j.Planned {
			out.Syncs = append(out.Syncs, SyncLine{Source: p.Source, Target: p.Target, Engine: p.Engine, Digest: p.Digest})
		}
	}
	return out, err
}

package httpapi

import (
	"fmt"
	"strings"
	"time"

	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/infra"
)

// uiPage is what the status page shows, formatted: the renderer
// (ui_render.go) only places strings.
type uiPage struct {
	Now, Refresh   string
	RefreshSeconds int
	Engines        []string
	ConfigSource   string
	ConfigDigest   string
	Tasks          []uiTask
	Jobs           []uiJob
	Rules          []uiRule
	AutoSyncs      []uiAutoSync
	Reconciled     string // the last reconciliation's summary, or ""
}

type uiTask struct {
	Status, When, Engine, Source, Target, Digest, ShortDigest, Bytes, Took, Error, Note string
	Class                                                                               markup // statusClass
}

type uiJob struct {
	Name, Schedule, NextRun, Sources, Tags, Targets, LastRun, LastResult string
	Class                                                                markup // success or failed
}

type uiRule struct{ Name, Registry, Repository, Tags, Targets string }

type uiAutoSync struct{ Name, Engine, Source, Target, TagFilter string }

// taskRow formats one task.
func taskRow(t core.Task) uiTask {
	r := uiTask{Status: string(t.Status), Class: statusClass(t.Status), Engine: t.Engine,
		Source: t.Source.String(), Target: t.Target.String(), Digest: t.Digest, ShortDigest: shortDigest(t.Digest),
		When: t.CreatedAt.UTC().Format("2006-01-02 15:04:05")}
	if t.Bytes > 0 {
		r.Bytes = infra.HumanBytes(t.Bytes)
	}
	if !t.UpdatedAt.IsZero() && !t.CreatedAt.IsZero() && t.Status.Terminal() {
		r.Took = infra.HumanDuration(t.UpdatedAt.Sub(t.CreatedAt))
	}
	switch {
	case t.Skipped:
		r.Note = "up to date"
	case t.DryRun:
		r.Note = "dry run"
	}
	if t.Error != nil {
		r.Error = t.Error.Kind + ": " + t.Error.Message
	}
	return r
}

// jobRow formats one job, its next run (when next can tell) and its last
// run in this process.
func jobRow(j core.Job, last core.JobRun, ran bool, next func(string, time.Time) (time.Time, error), now time.Time) uiJob {
	r := uiJob{Name: j.Name, Schedule: j.Schedule, Sources: strings.Join(j.Sources, ", "), Tags: filterText(j.Tags),
		Targets: targetsText(j.Targets), LastRun: "not yet", NextRun: "—"}
	switch {
	case j.Schedule == "":
		r.Schedule, r.NextRun = "every tick", "next tick"
	case next != nil:
		if at, err := next(j.Schedule, now); err == nil {
			r.NextRun = at.UTC().Format("2006-01-02 15:04 MST") + " (in " + roughly(at.Sub(now)) + ")"
		}
	}
	if ran {
		o := last.Outcome
		r.LastRun = last.Finished.UTC().Format("2006-01-02 15:04:05") + " (" + roughly(now.Sub(last.Finished)) + " ago, took " +
			infra.HumanDuration(last.Finished.Sub(last.Started)) + ")"
		r.LastResult = fmt.Sprintf("copied %d, skipped %d, failed %d", o.Copied, o.Skipped, len(o.Failed))
		if o.Remaining > 0 {
			r.LastResult += fmt.Sprintf(", left %d", o.Remaining)
		}
		r.Class = "success"
		if len(o.Failed) > 0 || o.Remaining > 0 || len(o.Unlisted) > 0 || last.Err != "" {
			r.Class = "failed"
		}
		for _, n := range o.Notes {
			r.LastResult += "; " + n
		}
	}
	return r
}

// statusClass is a task status's badge class, one of the fixed set ui.css
// styles ("" for a status it does not know).
func statusClass(s core.TaskStatus) markup {
	switch s {
	case core.StatusPending:
		return "pending"
	case core.StatusSyncing:
		return "syncing"
	case core.StatusSuccess:
		return "success"
	case core.StatusFailed:
		return "failed"
	case core.StatusCanceled:
		return "canceled"
	}
	return ""
}

func ruleRow(p core.PushRule) uiRule {
	return uiRule{Name: p.Name, Registry: orAny(p.Match.Registry), Repository: orAny(p.Match.Repository),
		Tags: filterText(p.Match.Tags), Targets: targetsText(p.Targets)}
}

func autoSyncRow(a core.AutoSync) uiAutoSync {
	return uiAutoSync{Name: a.Name, Engine: a.Engine, Source: a.Source.String(), Target: a.Target.String(), TagFilter: orAny(a.TagFilter)}
}

func filterText(f core.TagFilter) string {
	var parts []string
	if len(f.Include) > 0 {
		parts = append(parts, "include "+strings.Join(f.Include, " | "))
	}
	if len(f.Exclude) > 0 {
		parts = append(parts, "exclude "+strings.Join(f.Exclude, " | "))
	}
	if f.Semver != "" {
		parts = append(parts, "semver "+f.Semver)
	}
	if f.Latest > 0 {
		order := "highest"
		if f.Order == core.OrderPushed {
			order = "pushed last"
		}
		parts = append(parts, fmt.Sprintf("latest %d (%s)", f.Latest, order))
	}
	if len(parts) == 0 {
		return "all tags"
	}
	return strings.Join(parts, "; ")
}

func targetsText(ts []core.TargetTemplate) string {
	out := make([]string, 0, len(ts))
	for _, t := range ts {
		s := t.Endpoint.String()
		if t.Override {
			s += " (override)"
		}
		out = append(out, s)
	}
	return strings.Join(out, ", ")
}

func orAny(s string) string {
	if s == "" {
		return "any"
	}
	return s
}

func shortDigest(d string) string {
	if _, hex, ok := strings.Cut(d, ":"); ok && len(hex) > 12 {
		return hex[:12]
	}
	return d
}

// roughly is d to the largest whole unit: 3s, 5m, 2h, 3d.
func roughly(d time.Duration) string {
	d = max(d, 0)
	switch {
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh", int(d.Hours()))
	}
	return fmt.Sprintf("%dd", int(d.Hours()/24))
}

package core

import (
	"context"
	"fmt"
)

// TickOutcome is what one tick did: a summary per job, and the
// reconciliation of native auto-syncs.
type TickOutcome struct {
	Tick     Tick             `json:"tick"`
	Jobs     []JobOutcome     `json:"jobs"`
	AutoSync *AutoSyncOutcome `json:"autoSync,omitempty"`
}

// JobOutcome summarises one job's run: what was copied, what already was
// in place, what failed and why, and what was left for the next tick.
type JobOutcome struct {
	Name      string    `json:"name"`
	Copied    int       `json:"copied"`
	Skipped   int       `json:"skipped"` // target already held the digest
	Remaining int       `json:"remaining,omitempty"`
	Tasks     []Task    `json:"tasks,omitempty"` // the copies made
	Planned   []Planned `json:"planned,omitempty"`
	Failed    []Failure `json:"failed,omitempty"`
	// Canceled are the syncs under way when the caller gave up (its
	// context cancelled: Ctrl-C, a client gone); a canceled copy writes
	// no tag.
	Canceled []Failure `json:"canceled,omitempty"`
	Notes    []string  `json:"notes,omitempty"` // sources that could not be listed, targets not expanded
	// Unlisted are the sources whose tags could not be listed (why is in
	// Notes): nothing of theirs was synced.
	Unlisted []string `json:"unlisted,omitempty"`
	// Pruned are the target tags (host/path:tag) a pruning job deleted,
	// or, in a dry run, would delete; NotPruned those it kept, and why.
	Pruned    []string  `json:"pruned,omitempty"`
	NotPruned []Failure `json:"notPruned,omitempty"`
}

// OnTick runs the jobs the tick names (all when it names none) and, when it
// names none, catches up the push rules that ask for it (reported among
// the jobs as onPush/<rule>) and reconciles the configured auto-syncs. A dry run lists tags and
// plans, and changes nothing. It never stops at the first failure; the
// error is non-nil only when something failed that may pass on a retry.
func (s *Service) OnTick(ctx context.Context, t Tick, dryRun bool) (TickOutcome, error) {
	out := TickOutcome{Tick: t, Jobs: []JobOutcome{}}
	var firstTransient error
	for _, name := range t.Jobs {
		if !s.hasJob(name) {
			return out, Errorf(ErrNotFound, "no job named %q is configured", name)
		}
	}
	for _, j := range s.triggers.Jobs {
		if !t.Wants(j.Name) || !s.due(j, t) {
			continue
		}
		start := s.now()
		jo, err := s.runJob(ctx, j, dryRun)
		if !dryRun {
			s.runs.job(j.Name, JobRun{Started: start, Finished: s.now(), Outcome: jo, Err: errString(err)})
		}
		out.Jobs = append(out.Jobs, jo)
		if err != nil && firstTransient == nil {
			firstTransient = err
		}
	}
	for _, r := range s.triggers.OnPush {
		if !r.CatchUp || len(t.Jobs) > 0 {
			continue
		}
		jo, err := s.runCatchUp(ctx, r, dryRun)
		out.Jobs = append(out.Jobs, jo)
		if err != nil && firstTransient == nil {
			firstTransient = err
		}
	}
	if len(t.Jobs) == 0 && len(s.triggers.AutoSync) > 0 {
		ao, err := s.reconcile(ctx, dryRun)
		if !dryRun {
			s.runs.reconciled(ReconcileRun{Finished: s.now(), Outcome: ao})
		}
		out.AutoSync = &ao
		if err != nil && firstTransient == nil {
			firstTransient = err
		}
	}
	if firstTransient != nil {
		return out, fmt.Errorf("tick: %w", firstTransient)
	}
	return out, nil
}

// sourceTags lists src's tags and selects those j syncs, in j's order;
// push order asks the registry engine when each tag was pushed.
func (s *Service) sourceTags(ctx context.Context, j Job, src string) (tags, selected []string, err error) {
	lister, _ := s.engines[EngineRegistry].(TagLister)
	if lister == nil {
		return nil, nil, Errorf(ErrInvalid, "the registry engine, which lists tags, is not configured")
	}
	if tags, err = lister.ListTags(ctx, src); err != nil {
		return nil, nil, fmt.Errorf("listing tags: %w", err)
	}
	if j.Tags.Order != OrderPushed {
		return tags, j.Tags.Select(tags), nil
	}
	timer, _ := s.engines[EngineRegistry].(TagTimer)
	if timer == nil {
		return nil, nil, Errorf(ErrInvalid, "ordering tags by push: the registry engine, which asks the registries, is not configured or cannot")
	}
	pushed, err := timer.TagTimes(ctx, src)
	if err != nil {
		return nil, nil, fmt.Errorf("ordering tags by push: %w", err)
	}
	return tags, j.Tags.SelectPushed(tags, pushed), nil
}

func (s *Service) hasJob(name string) bool {
	for _, j := range s.triggers.Jobs {
		if j.Name == name {
			return true
		}
	}
	return false
}

func (s *Service) runJob(ctx context.Context, j Job, dryRun bool) (JobOutcome, error) {
	out := JobOutcome{Name: j.Name}
	var reqs []SyncRequest
	srcs, firstTransient := s.expandSources(ctx, j, &out)
	srcs = j.planPinnedSources(srcs, &reqs, &out) // images named by tag or digest, never listed: jobpin.go
	listed := map[string][]string{}
	lists := s.listTags(ctx, srcs, func(ctx context.Context, src string) ([]string, []string, error) {
		return s.sourceTags(ctx, j, src)
	})
	for i, src := range srcs {
		if err := lists[i].err; err != nil {
			out.Notes = append(out.Notes, "source "+src+": "+err.Error())
			out.Unlisted = append(out.Unlisted, src)
			if transient(err) && firstTransient == nil {
				firstTransient = err
			}
			continue
		}
		listed[src] = lists[i].tags
		planned, notes := j.planSelected(src, lists[i].selected)
		reqs = append(reqs, planned...)
		out.Notes = append(out.Notes, notes...)
	}
	res := s.runPlanned(ctx, reqs, dryRun, &out)
	firstTransient = firstOf(firstTransient, res.transient)
	if firstTransient == nil && res.outOfTime {
		// Ask for a fresh invocation (a platform retry, or the next tick):
		// it skips what this one finished and goes on with the rest.
		firstTransient = Errorf(ErrUnavailable, "job %s: %d syncs left when the deadline came near", j.Name, len(res.left))
	}
	switch {
	case j.Prune && (len(res.left) > 0 || len(res.canceled) > 0):
		out.Notes = append(out.Notes, "prune: skipped, copies are left for the next tick")
	case j.Prune:
		pj := j
		pj.Sources = srcs // a /** source prunes what it listed, repository by repository
		firstTransient = firstOf(firstTransient, s.prune(ctx, pj, listed, dryRun, &out))
	}
	return out, firstTransient
}

// runPlanned runs a trigger's planned syncs (dry: compares both sides and
// writes nothing) and counts what they did into out.
func (s *Service) runPlanned(ctx context.Context, reqs []SyncRequest, dryRun bool, out *JobOutcome) results {
	if dryRun { // the engines compare both sides and write nothing
		for i := range reqs {
			reqs[i].DryRun = true
		}
	}
	res := s.runAll(ctx, reqs, s.sec.limits.TagsPerJob)
	for _, task := range res.tasks {
		switch {
		case task.Skipped:
			out.Skipped++
		case dryRun:
			out.Planned = append(out.Planned, Planned{Source: task.Source, Target: task.Target, Engine: task.Engine,
				Digest: task.Digest, Bytes: task.Bytes, Override: task.Override})
		default:
			out.Copied++
			out.Tasks = append(out.Tasks, task)
		}
	}
	out.Failed, out.Canceled, out.Remaining = res.failed, res.canceled, len(res.left)
	if res.limit != "" {
		out.Notes = append(out.Notes, fmt.Sprintf("%d syncs refused by %s: left for the next tick", len(res.left), res.limit))
	}
	return res
}

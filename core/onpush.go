package core

import (
	"context"
	"fmt"
)

// PushOutcome is what one push led to.
type PushOutcome struct {
	Push      Push      `json:"push"`
	Duplicate bool      `json:"duplicate,omitempty"` // this event was handled before
	Planned   []Planned `json:"planned,omitempty"`   // dry run: what would be synced
	Tasks     []Task    `json:"tasks,omitempty"`     // syncs started or done
	Failed    []Failure `json:"failed,omitempty"`
	Ignored   string    `json:"ignored,omitempty"` // why nothing was to be done
	Skipped   []string  `json:"skipped,omitempty"` // rules that did not apply, and why
}

// OnPush syncs a pushed image wherever the push rules say. A dry run plans
// and touches nothing. An event handled before (same source and event id)
// is not acted on again. The error is non-nil only when a sync failed in a
// way that may pass (unavailable, throttled): the platform should deliver
// the event again, and the syncs that did succeed will be skipped then.
func (s *Service) OnPush(ctx context.Context, p Push, dryRun bool) (PushOutcome, error) {
	out := PushOutcome{Push: p}
	key := p.Source + "\x00" + p.EventID
	if p.EventID == "" {
		key = p.Source + "\x00" + p.Image() + "\x00" + p.Repository + "\x00" + p.Tag + "\x00" + p.Digest
	}
	if !dryRun && s.seen.has(key) {
		out.Duplicate, out.Ignored = true, "event "+p.EventID+" was handled already"
		return out, nil
	}
	reqs, skipped := PlanPush(s.triggers.OnPush, p)
	out.Skipped = skipped
	if len(reqs) == 0 {
		out.Ignored = "no push rule matches"
		if len(s.triggers.OnPush) == 0 {
			out.Ignored = "no push rules are configured"
		}
		return out, nil
	}
	if dryRun {
		for _, r := range reqs {
			out.Planned = append(out.Planned, plan(r, p.Digest))
		}
		return out, nil
	}
	res := s.runAll(ctx, reqs, 0)
	out.Tasks, out.Failed = res.tasks, append(res.failed, res.canceled...)
	if res.transient == nil && len(res.left) > 0 {
		why := "the deadline came near"
		if res.limit != "" {
			why = res.limit + " was reached"
		}
		res.transient = Errorf(ErrUnavailable, "%d syncs not started (%s): deliver the event again", len(res.left), why)
	}
	if res.transient != nil {
		return out, fmt.Errorf("push %s: %w", p.Image(), res.transient)
	}
	s.seen.add(key)
	return out, nil
}

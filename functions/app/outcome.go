package app

import (
	"strings"

	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/events"
)

func (o *Outcome) add(po core.PushOutcome) {
	for _, p := range po.Planned {
		o.Syncs = append(o.Syncs, SyncLine{Source: p.Source, Target: p.Target, Engine: p.Engine, Digest: p.Digest})
	}
	for _, t := range po.Tasks {
		o.Syncs = append(o.Syncs, SyncLine{Source: t.Source, Target: t.Target, Engine: t.Engine, Digest: t.Digest,
			TaskID: t.ID, Status: t.Status, Skipped: t.Skipped})
	}
	o.Failed = append(o.Failed, po.Failed...)
	if po.Ignored != "" && len(po.Planned)+len(po.Tasks)+len(po.Failed) == 0 {
		reason := po.Ignored
		if len(po.Skipped) > 0 {
			reason += ": " + strings.Join(po.Skipped, "; ")
		}
		if o.Ignored == "" {
			o.Ignored = reason
		} else if !strings.Contains(o.Ignored, reason) {
			o.Ignored += "; " + reason
		}
	}
}

// ignoredReason says why a payload led to nothing.
func ignoredReason(pushes []core.Push, ignored []events.Ignored) string {
	if len(pushes) > 0 {
		return "no sync was needed"
	}
	if len(ignored) == 0 {
		return "the payload holds no image push"
	}
	reasons := make([]string, 0, len(ignored))
	seen := map[string]bool{}
	for _, i := range ignored {
		if !seen[i.Reason] {
			seen[i.Reason] = true
			reasons = append(reasons, i.Reason)
		}
	}
	return strings.Join(reasons, "; ")
}

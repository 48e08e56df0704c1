package core

import (
	"context"
	"sort"
)

// AutoSyncOutcome is what reconciling the native auto-syncs did.
type AutoSyncOutcome struct {
	Created []AutoSync `json:"created"`
	Deleted []AutoSync `json:"deleted"`
	Kept    int        `json:"kept"`
	Errors  []string   `json:"errors,omitempty"`
}

// reconcile makes the clouds' auto-syncs what the configuration says, scope
// by scope (engine and source namespace/repository). It deletes only rules
// that imagesync created.
func (s *Service) reconcile(ctx context.Context, dryRun bool) (AutoSyncOutcome, error) {
	out := AutoSyncOutcome{Created: []AutoSync{}, Deleted: []AutoSync{}}
	var firstTransient error
	fail := func(what string, err error) {
		out.Errors = append(out.Errors, what+": "+err.Error())
		if transient(err) && firstTransient == nil {
			firstTransient = err
		}
	}
	scopes := map[string][]AutoSync{}
	for _, a := range s.triggers.AutoSync {
		k := a.Engine + " " + a.Source.String()
		scopes[k] = append(scopes[k], a)
	}
	keys := make([]string, 0, len(scopes))
	for k := range scopes {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		want := scopes[k]
		syncer, ok := s.engines[want[0].Engine].(AutoSyncer)
		if !ok {
			fail(k, Errorf(ErrInvalid, "engine %s is not configured or keeps no auto-syncs", want[0].Engine))
			continue
		}
		have, err := syncer.AutoSyncs(ctx, want[0].Source)
		if err != nil {
			fail(k, err)
			continue
		}
		create, del := Reconcile(want, have)
		out.Kept += len(want) - len(create)
		for _, a := range create {
			if dryRun {
				out.Created = append(out.Created, a)
			} else if made, err := syncer.CreateAutoSync(ctx, normalAutoSync(a)); err != nil {
				fail("creating "+a.Name, err)
			} else {
				out.Created = append(out.Created, made)
			}
		}
		for _, a := range del {
			if dryRun {
				out.Deleted = append(out.Deleted, a)
			} else if err := syncer.DeleteAutoSync(ctx, a); err != nil {
				fail("deleting "+a.Name, err)
			} else {
				out.Deleted = append(out.Deleted, a)
			}
		}
	}
	return out, firstTransient
}

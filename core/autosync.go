package core

import (
	"context"
	"sort"
)

// AutoSync is a recurring sync that a cloud registry runs by itself: an ACR
// EE sync rule (CreateRepoSyncRule) or an SWR automatic sync
// (CreateImageSyncRepo with syncAuto). Scheduled ticks reconcile the
// configured ones against what exists.
type AutoSync struct {
	ID        string   `json:"id,omitempty"`        // the provider's id (ACR SyncRuleId); empty for SWR
	Name      string   `json:"name,omitempty"`      // ACR SyncRuleName; imagesync names its own rules "imagesync-..."
	Engine    string   `json:"engine"`              // acr or swr
	Source    Endpoint `json:"source"`              // namespace (and repository) that is watched
	Target    Endpoint `json:"target"`              // where it goes
	TagFilter string   `json:"tagFilter,omitempty"` // ACR TagFilter regex; empty means all tags
	Scope     string   `json:"scope,omitempty"`     // ACR SyncScope: REPO or NAMESPACE
	Override  bool     `json:"override,omitempty"`  // SWR override
}

// AutoSyncer is implemented by engines that keep native recurring syncs.
type AutoSyncer interface {
	// AutoSyncs lists the recurring syncs whose source lies in the namespace
	// (and repository, when given) of source.
	AutoSyncs(ctx context.Context, source Endpoint) ([]AutoSync, error)
	// CreateAutoSync makes one; an equal one existing already is not an error.
	CreateAutoSync(ctx context.Context, a AutoSync) (AutoSync, error)
	// DeleteAutoSync removes one, by ID where the provider has ids.
	DeleteAutoSync(ctx context.Context, a AutoSync) error
}

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

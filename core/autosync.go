package core

import "context"

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

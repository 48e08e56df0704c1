package core

import (
	"context"
)

// Engine performs syncs. Registry copies finish within Sync and return a
// terminal task; cloud engines start a task and return it PENDING.
//
// An engine returns an error of one of the kinds in errors.go when it could
// not do the sync (ErrConflict when the target tag holds another digest and
// override is off); the task it returns alongside may carry detail.
type Engine interface {
	Name() string
	Sync(ctx context.Context, req SyncRequest) (Task, error)
}

// TaskReader is implemented by engines whose tasks live at the provider and
// can be asked for later.
type TaskReader interface {
	Task(ctx context.Context, id string) (Task, error)
	Tasks(ctx context.Context, q TaskQuery) (TaskPage, error)
}

// TagDeleter deletes one tag, ref being host/path:tag. The registry engine
// implements it; jobs that prune need it. It must delete nothing but that
// tag: when deleting would remove other tags too (a registry deletes a
// manifest, with every tag pointing at it), it refuses with ErrConflict.
// A tag already gone is ErrNotFound. PlanDeleteTag makes every check of
// DeleteTag and deletes nothing: it answers what DeleteTag would answer
// now, so that a dry run prunes exactly what the real run would.
type TagDeleter interface {
	DeleteTag(ctx context.Context, ref string) error
	PlanDeleteTag(ctx context.Context, ref string) error
}

// RepoResolver names the registry repository (host/path) that ACR EE or
// SWR coordinates stand for; the registry engine implements it, so that
// jobs can prune targets given as coordinates.
type RepoResolver interface {
	ResolveRepository(ctx context.Context, ep Endpoint) (string, error)
}

// RepositoryLister lists the repositories of a registry. Jobs whose
// sources end in /** and push rules that catch up (PushRule.CatchUp) find
// what to sync through it; the registry engine implements it, with the
// registry's catalog or, where that is off or partial, the registry's own
// API (Harbor, ACR EE, SWR, ECR, Artifact Registry, Docker Hub).
type RepositoryLister interface {
	// ListRepositories returns the repositories on host (host[:port])
	// whose paths are prefix or lie under it ("" for the whole registry).
	// An error means nothing could be listed; parts that could not be
	// listed while others were come back in Listing.Problems.
	ListRepositories(ctx context.Context, host, prefix string) (Listing, error)
}

// Listing is what a RepositoryLister found.
type Listing struct {
	// Repositories are paths on the host (team/app), each once, sorted.
	Repositories []string `json:"repositories"`
	// Problems name the parts that could not be listed (a Harbor project,
	// an ACR EE namespace) and why; what they hold is missing above.
	Problems []string `json:"problems,omitempty"`
}

// UnderPrefix reports whether path is prefix or lies under it, by whole
// segments ("" holds every path; "team" holds team and team/app, not
// teams/app).
func UnderPrefix(prefix, path string) bool {
	return prefix == "" || path == prefix || len(path) > len(prefix) && path[len(prefix)] == '/' && path[:len(prefix)] == prefix
}

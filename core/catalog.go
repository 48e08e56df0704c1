package core

import "context"

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

package acr

import (
	"context"
	"fmt"
	"sync"

	"github.com/imagesync/imagesync/core"
)

// repoCache remembers RepoIds for the life of the process (a cold start on
// a function platform): a repository's id does not change while it exists.
type repoCache struct {
	mu  sync.Mutex
	ids map[string]string
}

// repoID resolves the RepoId of the repository an endpoint names, with
// GetRepository, once per process.
func (e *Engine) repoID(ctx context.Context, ep core.Endpoint) (string, error) {
	key := ep.Region + "/" + ep.Instance + "/" + ep.Namespace + "/" + ep.Repository
	e.repos.mu.Lock()
	id, ok := e.repos.ids[key]
	e.repos.mu.Unlock()
	if ok {
		return id, nil
	}
	var out struct {
		RepoID string `json:"RepoId"`
	}
	params := map[string]string{"InstanceId": ep.Instance, "RepoNamespaceName": ep.Namespace, "RepoName": ep.Repository}
	err := e.retry(ctx, "GetRepository", func() error { return e.invoke(ctx, ep.Region, "GetRepository", params, &out) })
	if err == nil && out.RepoID == "" {
		err = core.Errorf(core.ErrNotFound, "acr: GetRepository answered without a RepoId")
	}
	if err != nil {
		return "", fmt.Errorf("resolving repository %s/%s on %s: %w", ep.Namespace, ep.Repository, ep.Instance, err)
	}
	e.repos.mu.Lock()
	e.repos.ids[key] = out.RepoID
	e.repos.mu.Unlock()
	return out.RepoID, nil
}

package acr

import (
	"context"
	"errors"
	"fmt"

	"github.com/imagesync/imagesync/core"
)

// Prepare makes the repository an ACR EE endpoint names exist, so that the
// registry engine can push into it: CreateRepository (RepoType PRIVATE),
// and, when ACR answers that the namespace does not exist, CreateNamespace
// (AutoCreateRepo false, DefaultRepoType PRIVATE) and CreateRepository
// again. What exists already is fine. The RepoId is remembered.
func (e *Engine) Prepare(ctx context.Context, ep core.Endpoint) error {
	v := &core.ValidationError{}
	v.Add("target.region", core.CheckAlibabaRegion(ep.Region))
	v.Add("target.instance", core.CheckACRInstance(ep.Instance))
	if ep.Namespace == "" || ep.Repository == "" {
		v.Add("target", "namespace and repository are required")
	}
	if err := v.Err(); err != nil {
		return err
	}
	err := e.createRepository(ctx, ep)
	if errors.Is(err, core.ErrNotFound) {
		if err = e.createNamespace(ctx, ep); err == nil {
			err = e.createRepository(ctx, ep)
		}
	}
	if err != nil {
		return fmt.Errorf("preparing %s/%s on %s: %w", ep.Namespace, ep.Repository, ep.Instance, err)
	}
	return nil
}

func (e *Engine) createRepository(ctx context.Context, ep core.Endpoint) error {
	var out struct {
		RepoID string `json:"RepoId"`
	}
	params := map[string]string{"InstanceId": ep.Instance, "RepoNamespaceName": ep.Namespace,
		"RepoName": ep.Repository, "RepoType": "PRIVATE", "Summary": "created by imagesync"}
	err := e.retry(ctx, "CreateRepository", func() error {
		return e.invoke(ctx, ep.Region, "CreateRepository", params, &out)
	})
	switch {
	case errors.Is(err, core.ErrConflict):
		return nil
	case err != nil:
		return err
	}
	if out.RepoID != "" {
		e.repos.mu.Lock()
		e.repos.ids[ep.Region+"/"+ep.Instance+"/"+ep.Namespace+"/"+ep.Repository] = out.RepoID
		e.repos.mu.Unlock()
	}
	e.log.InfoContext(ctx, "acr repository created", "instance", ep.Instance, "namespace", ep.Namespace,
		"repository", ep.Repository)
	return nil
}

func (e *Engine) createNamespace(ctx context.Context, ep core.Endpoint) error {
	params := map[string]string{"InstanceId": ep.Instance, "NamespaceName": ep.Namespace,
		"AutoCreateRepo": "false", "DefaultRepoType": "PRIVATE"}
	err := e.retry(ctx, "CreateNamespace", func() error {
		return e.invoke(ctx, ep.Region, "CreateNamespace", params, nil)
	})
	if errors.Is(err, core.ErrConflict) {
		return nil
	}
	return err
}

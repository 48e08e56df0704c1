package acr

import (
	"context"
	"fmt"

	"github.com/imagesync/imagesync/core"
)

// RunRule runs a sync rule now for one tag of source (which names region,
// instance, namespace, repository and tag) with CreateRepoSyncTaskByRule,
// and returns the task PENDING.
func (e *Engine) RunRule(ctx context.Context, source core.Endpoint, ruleID string) (core.Task, error) {
	v := &core.ValidationError{}
	v.Add("source.tag", core.CheckTag(source.Tag))
	if ruleID == "" {
		v.Add("ruleId", "required")
	}
	if err := v.Err(); err != nil {
		return core.Task{}, err
	}
	repoID, err := e.repoID(ctx, source)
	if err != nil {
		return core.Task{}, err
	}
	var out struct {
		SyncTaskID string `json:"SyncTaskId"`
	}
	params := map[string]string{"InstanceId": source.Instance, "SyncRuleId": ruleID, "RepoId": repoID, "Tag": source.Tag}
	err = e.retry(ctx, "CreateRepoSyncTaskByRule", func() error {
		return e.invoke(ctx, source.Region, "CreateRepoSyncTaskByRule", params, &out)
	})
	if err != nil {
		return core.Task{}, fmt.Errorf("running sync rule %s: %w", ruleID, err)
	}
	now := e.now()
	return core.Task{ID: taskID(source.Region, source.Instance, out.SyncTaskID), Engine: core.EngineACR,
		Status: core.StatusPending, ProviderStatus: "PENDING", Source: source, CreatedAt: now, UpdatedAt: now}, nil
}

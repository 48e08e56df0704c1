package hss

import (
	"context"

	hsssdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/hss/v5"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/hss/v5/model"

	"github.com/imagesync/imagesync/adapters/internal/huaweicloud"
	"github.com/imagesync/imagesync/core"
)

// ProviderStatus of an accepted request. HSS answers 200 with no body and
// no task id, so there is nothing to poll: the task is SUCCESS once HSS
// has accepted it, and its ProviderStatus says that it was submitted.
const (
	StatusSubmitted = "SUBMITTED"
	StatusDryRun    = "DRY_RUN"
)

// Sync asks HSS to refresh its image list of the target's registries
// (CreateImageSynchronizeTask). HSS copies nothing.
func (e *Engine) Sync(ctx context.Context, req core.SyncRequest) (core.Task, error) {
	target, err := e.resolve(req)
	if err != nil {
		return core.Task{}, err
	}
	now := e.now()
	task := core.Task{Engine: core.EngineHSS, Source: req.Source, Target: target, CreatedAt: now, UpdatedAt: now}
	if req.DryRun {
		task.Status, task.ProviderStatus = core.StatusSuccess, StatusDryRun
		return task, nil
	}
	body := &model.CreateImageSynchronizeTaskRequestInfo{SyncAllRegistries: target.All}
	if !target.All {
		infos := make([]model.CreateImageSynchronizeTaskRequestInfoRegistryInfo, len(target.Registries))
		for i, r := range target.Registries {
			infos[i] = model.CreateImageSynchronizeTaskRequestInfoRegistryInfo{RegistryId: &r.ID, RegistryType: &r.Type}
		}
		body.RegistryInfo = &infos
	}
	request := &model.CreateImageSynchronizeTaskRequest{Region: &target.Region, Body: body}
	if target.EnterpriseProject != "" {
		request.EnterpriseProjectId = &target.EnterpriseProject
	}
	err = e.retry(ctx, "CreateImageSynchronizeTask", func() error {
		return e.call(ctx, target.Region, target.Project, "CreateImageSynchronizeTask", func(c *hsssdk.HssClient) error {
			_, err := c.CreateImageSynchronizeTask(request)
			return huaweicloud.AcceptedDespiteBody(err)
		})
	})
	if err != nil {
		return task, err
	}
	task.Status, task.ProviderStatus, task.UpdatedAt = core.StatusSuccess, StatusSubmitted, e.now()
	return task, nil
}

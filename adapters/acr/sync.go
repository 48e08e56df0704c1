package acr

import (
	"context"
	"log/slog"
	"strconv"

	"github.com/imagesync/imagesync/core"
)

// ProviderStatusDryRun is the ProviderStatus of a dry run's task.
const ProviderStatusDryRun = "DRY_RUN"

// Sync starts an ACR EE sync task that copies the source tag to the target
// (another instance, region or account) inside Alibaba's network, and
// returns it PENDING. When a PENDING or SYNCHRONIZING task for the same
// source tag and target exists already, Sync returns that task instead.
//
// A dry run validates the request and resolves the source repository (so
// a missing repository or a missing permission shows), creates nothing,
// and returns a SUCCESS task with DryRun set, ProviderStatus DRY_RUN and no
// id of its own.
func (e *Engine) Sync(ctx context.Context, req core.SyncRequest) (core.Task, error) {
	src, dst, err := checkSync(req)
	if err != nil {
		return core.Task{}, err
	}
	repoID, err := e.repoID(ctx, src)
	if err != nil {
		return core.Task{}, err
	}
	now := e.now()
	if req.DryRun {
		return core.Task{Engine: core.EngineACR, Status: core.StatusSuccess, ProviderStatus: ProviderStatusDryRun,
			DryRun: true, Override: req.Override, Source: src, Target: dst, CreatedAt: now, UpdatedAt: now}, nil
	}
	var task core.Task
	reused := false
	err = e.retry(ctx, "CreateRepoSyncTask", func() error {
		t, ok, err := e.inflight(ctx, src, dst)
		if err != nil || ok {
			task, reused = t, ok
			return err
		}
		var out struct {
			SyncTaskID string `json:"SyncTaskId"`
		}
		if err := e.invoke(ctx, src.Region, "CreateRepoSyncTask", createParams(src, dst, repoID, req.Override), &out); err != nil {
			return err
		}
		task = core.Task{ID: taskID(src.Region, src.Instance, out.SyncTaskID), Engine: core.EngineACR,
			Status: core.StatusPending, ProviderStatus: "PENDING", Source: src, Target: dst,
			Override: req.Override, CreatedAt: now, UpdatedAt: now}
		return nil
	})
	if err != nil {
		return core.Task{}, err
	}
	e.log.LogAttrs(ctx, slog.LevelInfo, "acr sync task", slog.String("task", task.ID), slog.Bool("reused", reused),
		slog.String("source", src.String()), slog.String("target", dst.String()), slog.String("status", string(task.Status)))
	return task, nil
}

// checkSync validates a request for this engine and fills the target tag.
func checkSync(req core.SyncRequest) (src, dst core.Endpoint, err error) {
	if err := req.Validate(); err != nil {
		return src, dst, err
	}
	src, dst = req.Source, req.Target
	if src.Kind() != core.EngineACR || dst.Kind() != core.EngineACR {
		return src, dst, &core.ValidationError{Fields: []core.FieldError{{Field: "engine",
			Reason: "engine acr syncs only from acr to acr endpoints"}}}
	}
	if dst.Tag == "" {
		dst.Tag = src.Tag
	}
	return src, dst, nil
}

// createParams are CreateRepoSyncTask's parameters (seed 000), every one.
func createParams(src, dst core.Endpoint, repoID string, override bool) map[string]string {
	return map[string]string{
		"InstanceId": src.Instance, "RepoId": repoID, "Tag": src.Tag,
		"TargetInstanceId": dst.Instance, "TargetNamespace": dst.Namespace, "TargetRegionId": dst.Region,
		"TargetRepoName": dst.Repository, "TargetTag": dst.Tag, "TargetUserId": dst.Account,
		"Override": strconv.FormatBool(override),
	}
}

// inflight looks for a PENDING or SYNCHRONIZING task of the same source tag
// and target among the newest 100 tasks of the source repository and tag.
func (e *Engine) inflight(ctx context.Context, src, dst core.Endpoint) (core.Task, bool, error) {
	var out taskList
	params := map[string]string{"InstanceId": src.Instance, "RepoNamespaceName": src.Namespace,
		"RepoName": src.Repository, "Tag": src.Tag, "PageNo": "1", "PageSize": "100"}
	if err := e.invoke(ctx, src.Region, "ListRepoSyncTask", params, &out); err != nil {
		return core.Task{}, false, err
	}
	for _, st := range out.SyncTasks {
		to := st.ImageTo
		if to.RegionID == dst.Region && to.InstanceID == dst.Instance && to.RepoNamespaceName == dst.Namespace &&
			to.RepoName == dst.Repository && to.ImageTag == dst.Tag && st.ImageFrom.ImageTag == src.Tag &&
			!mapStatus(st.TaskStatus).Terminal() {
			t := toTask(st, src.Region, src.Instance)
			t.Source, t.Target = src, dst
			return t, true, nil
		}
	}
	return core.Task{}, false, nil
}

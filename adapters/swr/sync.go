package swr

import (
	"context"

	swrsdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/swr/v2"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/swr/v2/model"

	"github.com/imagesync/imagesync/adapters/internal/huaweicloud"
	"github.com/imagesync/imagesync/core"
)

// dedupePages bounds how many recent jobs (pages of 50) are searched for an
// in-flight job of the same tag and target.
const dedupePages = 2

// Sync starts an SWR manual sync (CreateManualImageSyncRepo) of one tag to
// another region and returns its task PENDING. When a waiting or running
// job of the same tag and target exists, it returns that one instead.
func (e *Engine) Sync(ctx context.Context, req core.SyncRequest) (core.Task, error) {
	src, dst := req.Source, req.Target
	if err := checkPair(src, dst, true); err != nil {
		return core.Task{}, err
	}
	if err := e.checkTargetRegion(ctx, src.Region, dst.Region); err != nil {
		return core.Task{}, err
	}
	r := repoRef{Region: src.Region, Namespace: src.Namespace, Repository: src.Repository}
	var task core.Task
	err := e.retry(ctx, "sync", func() error {
		seen, found, err := e.findInFlight(ctx, r, src.Tag, dst)
		if err != nil || found != nil || req.DryRun {
			if found != nil {
				task = *found
			} else if req.DryRun {
				task = core.Task{Status: core.StatusSuccess, ProviderStatus: "DRY_RUN"}
			}
			return err
		}
		task, err = e.create(ctx, r, src.Tag, dst, req.Override, seen)
		return err
	})
	return task, err
}

// findInFlight looks for a waiting or running job of tag to dst among the
// recent jobs, and returns the ids of every matching job it saw.
func (e *Engine) findInFlight(ctx context.Context, r repoRef, tag string, dst core.Endpoint) (map[int32]bool, *core.Task, error) {
	seen := map[int32]bool{}
	for page := 0; page < dedupePages; page++ {
		jobs, _, err := e.listJobs(ctx, r, 50, page*50)
		if err != nil {
			return nil, nil, err
		}
		for _, j := range jobs {
			if !sameTarget(j, tag, dst) {
				continue
			}
			seen[j.Id] = true
			if inFlight(j.Status) {
				t := toTask(r, j)
				return seen, &t, nil
			}
		}
		if len(jobs) < 50 {
			break
		}
	}
	return seen, nil, nil
}

func sameTarget(j model.SyncJob, tag string, dst core.Endpoint) bool {
	return j.Tag == tag && j.RemoteRegionId == dst.Region && j.RemoteNamespace == dst.Namespace
}

// create asks SWR for the sync and then finds the job it made, so that the
// task id names SWR's job id.
func (e *Engine) create(ctx context.Context, r repoRef, tag string, dst core.Endpoint, override bool, seen map[int32]bool) (core.Task, error) {
	start := e.now()
	err := e.call(ctx, r.Region, "CreateManualImageSyncRepo", func(c *swrsdk.SwrClient) error {
		_, err := c.CreateManualImageSyncRepo(&model.CreateManualImageSyncRepoRequest{
			ContentType: model.GetCreateManualImageSyncRepoRequestContentTypeEnum().APPLICATION_JSON,
			Namespace:   r.Namespace,
			Repository:  pathRepo(r.Repository),
			Body: &model.CreateManualImageSyncRepoRequestBody{ImageTag: []string{tag}, Override: &override,
				RemoteNamespace: dst.Namespace, RemoteRegionId: dst.Region},
		})
		return huaweicloud.AcceptedDespiteBody(err)
	})
	if err != nil {
		return core.Task{}, err
	}
	jobs, _, err := e.listJobs(ctx, r, 50, 0)
	if err == nil {
		for _, j := range jobs {
			if sameTarget(j, tag, dst) && !seen[j.Id] {
				return toTask(r, j), nil
			}
		}
	}
	// SWR accepted the sync but does not list the job yet: name it by time.
	id := taskID{Region: r.Region, Namespace: r.Namespace, Repository: r.Repository, Tag: tag,
		RemoteRegion: dst.Region, RemoteNamespace: dst.Namespace, Created: start.Unix()}
	return core.Task{ID: id.String(), Engine: core.EngineSWR, Status: core.StatusPending, ProviderStatus: "waiting",
		Override: override, CreatedAt: start, UpdatedAt: start,
		Source: core.Endpoint{Engine: core.EngineSWR, Region: r.Region, Namespace: r.Namespace, Repository: r.Repository, Tag: tag},
		Target: core.Endpoint{Engine: core.EngineSWR, Region: dst.Region, Namespace: dst.Namespace, Repository: r.Repository, Tag: tag},
	}, nil
}

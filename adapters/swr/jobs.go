package swr

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	swrsdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/swr/v2"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/swr/v2/model"

	"github.com/imagesync/imagesync/core"
)

// repoRef is one source repository in one region.
type repoRef struct{ Region, Namespace, Repository string }

// listJobs reads one page of a repository's sync jobs, newest first, once
// (callers retry). total is from Content-Range ("0-9/25"), or -1.
func (e *Engine) listJobs(ctx context.Context, r repoRef, limit, offset int) (jobs []model.SyncJob, total int, err error) {
	err = e.call(ctx, r.Region, "ShowSyncJob", func(c *swrsdk.SwrClient) error {
		resp, err := c.ShowSyncJob(&model.ShowSyncJobRequest{
			ContentType: model.GetShowSyncJobRequestContentTypeEnum().APPLICATION_JSON,
			Namespace:   r.Namespace,
			Repository:  pathRepo(r.Repository),
			Filter:      fmt.Sprintf("limit::%d|offset::%d|order::desc", limit, offset),
		})
		if err != nil {
			return err
		}
		jobs, total = nil, -1
		if resp.Body != nil {
			jobs = *resp.Body
		}
		if resp.ContentRange != nil {
			total = contentTotal(*resp.ContentRange)
		}
		return nil
	})
	return jobs, total, err
}

// listJobsRetry is listJobs with retries, for callers outside a retry.
func (e *Engine) listJobsRetry(ctx context.Context, r repoRef, limit, offset int) (jobs []model.SyncJob, total int, err error) {
	err = e.retry(ctx, "ShowSyncJob", func() error {
		jobs, total, err = e.listJobs(ctx, r, limit, offset)
		return err
	})
	return jobs, total, err
}

func contentTotal(s string) int {
	_, after, ok := strings.Cut(s, "/")
	if n, err := strconv.Atoi(strings.TrimSpace(after)); ok && err == nil {
		return n
	}
	return -1
}

// toTask describes a job as a core task.
func toTask(r repoRef, j model.SyncJob) core.Task {
	status, skipped := statusOf(j.Status)
	created, updated := parseTime(j.CreatedAt), parseTime(j.UpdatedAt)
	t := core.Task{
		ID: taskID{Region: r.Region, Namespace: r.Namespace, Repository: r.Repository, Tag: j.Tag,
			RemoteRegion: j.RemoteRegionId, RemoteNamespace: j.RemoteNamespace, Created: created.Unix(), JobID: int64(j.Id)}.String(),
		Engine: core.EngineSWR, Status: status, ProviderStatus: j.Status, Skipped: skipped, Override: j.Override,
		Source: core.Endpoint{Engine: core.EngineSWR, Region: r.Region, Namespace: r.Namespace, Repository: r.Repository, Tag: j.Tag},
		Target: core.Endpoint{Engine: core.EngineSWR, Region: j.RemoteRegionId, Namespace: j.RemoteNamespace,
			Repository: r.Repository, Tag: j.Tag},
		CreatedAt: created, UpdatedAt: updated,
	}
	if status == core.StatusFailed {
		t.Issue = j.Status
		t.Error = &core.TaskError{Kind: "unavailable", Message: "SWR sync job " + strconv.Itoa(int(j.Id)) + " ended " + j.Status}
	}
	return t
}

var timeLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999", "2006-01-02 15:04:05"}

// parseTime reads SWR's UTC times; it returns the zero time when it cannot.
func parseTime(s string) time.Time {
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC()
		}
	}
	return time.Time{}
}

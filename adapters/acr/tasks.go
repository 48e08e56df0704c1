package acr

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/imagesync/imagesync/core"
)

// TaskFilter selects sync tasks of one instance with every filter
// ListRepoSyncTask offers. Region and Instance default to the Config's.
type TaskFilter struct {
	Region, Instance      string
	Namespace, Repository string // RepoNamespaceName, RepoName
	Tag                   string
	SyncRecordID          string // SyncBatchTaskId
	Page, PageSize        int    // PageNo (from 1), PageSize; 0 lets the service choose
}

// ListTasks returns one page of an instance's sync tasks as the API
// describes them, and the total the service counts.
func (e *Engine) ListTasks(ctx context.Context, f TaskFilter) ([]SyncTask, int, error) {
	region, err := e.region(f.Region)
	if err != nil {
		return nil, 0, err
	}
	instance, err := e.instance(f.Instance)
	if err != nil {
		return nil, 0, err
	}
	params := map[string]string{"InstanceId": instance, "RepoNamespaceName": f.Namespace, "RepoName": f.Repository,
		"Tag": f.Tag, "SyncRecordId": f.SyncRecordID, "PageNo": positive(f.Page), "PageSize": positive(f.PageSize)}
	var out taskList
	err = e.retry(ctx, "ListRepoSyncTask", func() error { return e.invoke(ctx, region, "ListRepoSyncTask", params, &out) })
	if err != nil {
		return nil, 0, fmt.Errorf("listing sync tasks of %s: %w", instance, err)
	}
	return out.SyncTasks, int(out.TotalCount), nil
}

// Tasks pages through an instance's sync tasks in core form. The status
// filter, which the API lacks, applies to the page fetched; Total stays the
// service's count.
func (e *Engine) Tasks(ctx context.Context, q core.TaskQuery) (core.TaskPage, error) {
	f := TaskFilter{Region: q.Region, Instance: q.Instance, Namespace: q.Namespace, Repository: q.Repository,
		Tag: q.Tag, Page: q.Page, PageSize: q.PageSize}
	list, total, err := e.ListTasks(ctx, f)
	if err != nil {
		return core.TaskPage{}, err
	}
	region, _ := e.region(q.Region)
	instance, _ := e.instance(q.Instance)
	page := core.TaskPage{Tasks: []core.Task{}, Page: max(q.Page, 1), PageSize: q.PageSize, Total: total}
	for _, st := range list {
		t := toTask(st, region, instance)
		if q.Status == "" || t.Status == q.Status {
			page.Tasks = append(page.Tasks, t)
		}
	}
	return page, nil
}

// Task returns one task by the id Sync gave it, from GetRepoSyncTask.
func (e *Engine) Task(ctx context.Context, id string) (core.Task, error) {
	region, instance, syncTaskID, err := parseTaskID(id)
	if err != nil {
		return core.Task{}, err
	}
	var out SyncTask
	params := map[string]string{"InstanceId": instance, "SyncTaskId": syncTaskID}
	err = e.retry(ctx, "GetRepoSyncTask", func() error { return e.invoke(ctx, region, "GetRepoSyncTask", params, &out) })
	if err != nil {
		return core.Task{}, fmt.Errorf("getting task %s: %w", id, err)
	}
	return toTask(out, region, instance), nil
}

// toTask maps a provider task onto a core task.
func toTask(st SyncTask, region, instance string) core.Task {
	if st.ImageFrom.RegionID != "" {
		region = st.ImageFrom.RegionID
	}
	if st.ImageFrom.InstanceID != "" {
		instance = st.ImageFrom.InstanceID
	}
	t := core.Task{ID: taskID(region, instance, st.SyncTaskID), Engine: core.EngineACR,
		Status: mapStatus(st.TaskStatus), ProviderStatus: st.TaskStatus, Issue: st.TaskIssue,
		Source: endpointOf(st.ImageFrom), Target: endpointOf(st.ImageTo),
		CreatedAt: millis(st.CreateTime), UpdatedAt: millis(st.ModifedTime)}
	if t.Status == core.StatusFailed {
		t.Error = failure(st)
	}
	return t
}

func endpointOf(i Image) core.Endpoint {
	return core.Endpoint{Engine: core.EngineACR, Region: i.RegionID, Instance: i.InstanceID,
		Namespace: i.RepoNamespaceName, Repository: i.RepoName, Tag: i.ImageTag}
}

func millis(ms int64) time.Time {
	if ms <= 0 {
		return time.Time{}
	}
	return time.UnixMilli(ms).UTC()
}

func positive(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

package swr

import (
	"context"
	"time"

	"github.com/imagesync/imagesync/core"
)

// taskPages bounds how far Task pages (of 100 jobs) to find a job.
const taskPages = 20

// matchWindow is how far a job's creation may precede the time in its task
// id (clock skew between this process and SWR).
const matchWindow = 2 * time.Minute

// Task reads one job back from ShowSyncJob. See taskID for the id format.
func (e *Engine) Task(ctx context.Context, id string) (core.Task, error) {
	tid, err := parseTaskID(id)
	if err != nil {
		return core.Task{}, err
	}
	r := repoRef{Region: tid.Region, Namespace: tid.Namespace, Repository: tid.Repository}
	var best *core.Task
	var bestGap time.Duration
	for page := 0; page < taskPages; page++ {
		jobs, _, err := e.listJobsRetry(ctx, r, 100, page*100)
		if err != nil {
			return core.Task{}, err
		}
		for _, j := range jobs {
			t := toTask(r, j)
			if tid.JobID != 0 {
				if int64(j.Id) == tid.JobID {
					return t, nil
				}
				continue
			}
			if j.Tag != tid.Tag || j.RemoteRegionId != tid.RemoteRegion || j.RemoteNamespace != tid.RemoteNamespace {
				continue
			}
			gap := t.CreatedAt.Sub(time.Unix(tid.Created, 0)).Abs()
			if !olderThan(j.CreatedAt, tid.Created) && (best == nil || gap < bestGap) {
				best, bestGap = &t, gap
			}
		}
		if len(jobs) < 100 || (tid.JobID == 0 && olderThan(jobs[len(jobs)-1].CreatedAt, tid.Created)) {
			break
		}
	}
	if best != nil {
		return *best, nil
	}
	return core.Task{}, core.Errorf(core.ErrNotFound, "swr: task %s not found among the sync jobs of %s/%s in %s",
		id, tid.Namespace, tid.Repository, tid.Region)
}

// Tasks pages through the sync jobs of one repository, newest first. SWR
// lists jobs per repository, so the query needs region (default: the
// configured one), namespace and repository. Tag and Status filter within
// the page SWR returned.
func (e *Engine) Tasks(ctx context.Context, q core.TaskQuery) (core.TaskPage, error) {
	if q.Region == "" {
		q.Region = e.cfg.Region
	}
	v := &core.ValidationError{}
	v.Add("region", core.CheckHuaweiRegion(q.Region))
	v.Add("namespace", core.CheckSWRNamespace(q.Namespace))
	v.Add("repository", core.CheckSWRRepository(q.Repository))
	if err := v.Err(); err != nil {
		return core.TaskPage{}, err
	}
	if q.Page <= 0 {
		q.Page = 1
	}
	if q.PageSize <= 0 {
		q.PageSize = 20
	}
	r := repoRef{Region: q.Region, Namespace: q.Namespace, Repository: q.Repository}
	jobs, total, err := e.listJobsRetry(ctx, r, q.PageSize, (q.Page-1)*q.PageSize)
	if err != nil {
		return core.TaskPage{}, err
	}
	page := core.TaskPage{Tasks: []core.Task{}, Page: q.Page, PageSize: q.PageSize, Total: total}
	for _, j := range jobs {
		t := toTask(r, j)
		if (q.Tag == "" || q.Tag == j.Tag) && (q.Status == "" || q.Status == t.Status) {
			page.Tasks = append(page.Tasks, t)
		}
	}
	if total < 0 {
		page.Total = (q.Page-1)*q.PageSize + len(jobs)
	}
	return page, nil
}

// olderThan reports whether a job created at createdAt is too old to be the
// one a task id created at unix names (jobs come newest first).
func olderThan(createdAt string, unix int64) bool {
	return parseTime(createdAt).Before(time.Unix(unix, 0).Add(-matchWindow))
}

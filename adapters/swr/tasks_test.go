package swr_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/imagesync/imagesync/adapters/swr/swrtest"
	"github.com/imagesync/imagesync/core"
)

func TestTaskMapsEveryStatus(t *testing.T) {
	tests := []struct {
		status  string
		want    core.TaskStatus
		skipped bool
	}{
		{"waiting", core.StatusPending, false},
		{"running", core.StatusSyncing, false},
		{"success", core.StatusSuccess, false},
		{"existed", core.StatusSuccess, true},
		{"failed", core.StatusFailed, false},
		{"timeout", core.StatusFailed, false},
		{"cancel", core.StatusCanceled, false},
	}
	for _, tt := range tests {
		t.Run(tt.status, func(t *testing.T) {
			e, srv := newEnv(t)
			created := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
			id := srv.AddJob(swrtest.Job{Namespace: "ns1", Repository: "group/app", Tag: "v1", RemoteRegion: "cn-east-3",
				RemoteNamespace: "ns1", Status: tt.status, CreatedAt: created})
			taskID := fmt.Sprintf("swr:cn-north-4:ns1:group$app:v1:cn-east-3:ns1:%d:%d", created.Unix(), id)
			task, err := e.Task(context.Background(), taskID)
			require.NoError(t, err)
			assert.Equal(t, tt.want, task.Status)
			assert.Equal(t, tt.skipped, task.Skipped)
			assert.Equal(t, tt.status, task.ProviderStatus)
			assert.Equal(t, created, task.CreatedAt)
			if tt.want == core.StatusFailed {
				require.NotNil(t, task.Error)
				assert.Equal(t, tt.status, task.Issue)
			}
		})
	}
}

func TestTaskByTimeWhenJobIDUnknown(t *testing.T) {
	e, srv := newEnv(t)
	at := time.Now().UTC().Truncate(time.Second)
	srv.AddJob(swrtest.Job{Namespace: "ns1", Repository: "group/app", Tag: "v1", RemoteRegion: "cn-east-3",
		RemoteNamespace: "ns1", Status: "success", CreatedAt: at.Add(-time.Hour)})
	srv.AddJob(swrtest.Job{Namespace: "ns1", Repository: "group/app", Tag: "v1", RemoteRegion: "cn-east-3",
		RemoteNamespace: "ns1", Status: "running", CreatedAt: at.Add(time.Second)})
	task, err := e.Task(context.Background(), fmt.Sprintf("swr:cn-north-4:ns1:group$app:v1:cn-east-3:ns1:%d:0", at.Unix()))
	require.NoError(t, err)
	assert.Equal(t, core.StatusSyncing, task.Status)
}

func TestTaskErrors(t *testing.T) {
	e, _ := newEnv(t)
	_, err := e.Task(context.Background(), "swr:nonsense")
	assert.ErrorIs(t, err, core.ErrInvalid)
	_, err = e.Task(context.Background(), "swr:cn-north-4:ns1:group$app:v1:cn-east-3:ns1:1700000000:99")
	assert.ErrorIs(t, err, core.ErrNotFound)
}

func TestTasksPagesJobs(t *testing.T) {
	e, srv := newEnv(t)
	for i := range 25 {
		srv.AddJob(swrtest.Job{Namespace: "ns1", Repository: "group/app", Tag: fmt.Sprintf("v%d", i),
			RemoteRegion: "cn-east-3", RemoteNamespace: "ns1", Status: "success"})
	}
	tests := []struct{ page, size, want int }{{1, 10, 10}, {2, 10, 10}, {3, 10, 5}, {4, 10, 0}}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("page %d", tt.page), func(t *testing.T) {
			p, err := e.Tasks(context.Background(), core.TaskQuery{Engine: "swr", Namespace: "ns1",
				Repository: "group/app", Page: tt.page, PageSize: tt.size})
			require.NoError(t, err)
			assert.Len(t, p.Tasks, tt.want)
			assert.Equal(t, 25, p.Total)
			if tt.page == 1 {
				assert.Equal(t, "v24", p.Tasks[0].Source.Tag, "newest first")
			}
		})
	}
	last := srv.Requests()[len(srv.Requests())-1]
	assert.Equal(t, "filter=limit%3A%3A10%7Coffset%3A%3A30%7Corder%3A%3Adesc", last.Query)

	_, err := e.Tasks(context.Background(), core.TaskQuery{Engine: "swr", Namespace: "ns1"})
	require.ErrorIs(t, err, core.ErrInvalid)
	assert.Equal(t, []string{"repository"}, fieldsOf(t, err))
}

package core

import "context"

// Engine performs syncs. Registry copies finish within Sync and return a
// terminal task; cloud engines start a task and return it PENDING.
//
// An engine returns an error of one of the kinds in errors.go when it could
// not do the sync (ErrConflict when the target tag holds another digest and
// override is off); the task it returns alongside may carry detail.
type Engine interface {
	Name() string
	Sync(ctx context.Context, req SyncRequest) (Task, error)
}

// TaskReader is implemented by engines whose tasks live at the provider and
// can be asked for later.
type TaskReader interface {
	Task(ctx context.Context, id string) (Task, error)
	Tasks(ctx context.Context, q TaskQuery) (TaskPage, error)
}

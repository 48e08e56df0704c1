package acr

import (
	"strings"

	"github.com/imagesync/imagesync/core"
)

// statuses maps ACR's TaskStatus words onto core statuses. The documented
// vocabulary is PENDING, SYNCHRONIZING, SUCCESS, ERROR and CANCELED; the
// other words are accepted in case the service (or an older API version)
// uses them.
var statuses = map[string]core.TaskStatus{
	"NEW": core.StatusPending, "PENDING": core.StatusPending, "WAITING": core.StatusPending, "QUEUED": core.StatusPending,
	"SYNCHRONIZING": core.StatusSyncing, "SYNCING": core.StatusSyncing, "RUNNING": core.StatusSyncing,
	"SUCCESS": core.StatusSuccess, "SUCCEEDED": core.StatusSuccess, "FINISHED": core.StatusSuccess,
	"ERROR": core.StatusFailed, "FAILED": core.StatusFailed, "FAIL": core.StatusFailed, "FAILURE": core.StatusFailed,
	"CANCELED": core.StatusCanceled, "CANCELLED": core.StatusCanceled,
}

// mapStatus maps a TaskStatus; an unknown word counts as PENDING, so that
// callers keep polling rather than take it for an outcome. The word itself
// is kept in Task.ProviderStatus.
func mapStatus(s string) core.TaskStatus {
	if st, ok := statuses[strings.ToUpper(strings.TrimSpace(s))]; ok {
		return st
	}
	return core.StatusPending
}

// failure describes a failed task in the API's error vocabulary.
func failure(t SyncTask) *core.TaskError {
	issue := t.TaskIssue
	if issue == "" {
		issue = "no issue reported"
	}
	kind := "internal"
	if u := strings.ToUpper(issue); strings.Contains(u, "NETWORK") || strings.Contains(u, "TIMEOUT") {
		kind = core.KindOf(core.ErrUnavailable)
	}
	return &core.TaskError{Kind: kind, Message: "ACR sync task " + t.SyncTaskID + " ended " + t.TaskStatus + ": " + issue}
}

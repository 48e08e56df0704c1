package swr

import "github.com/imagesync/imagesync/core"

// statusOf maps an SWR sync job status onto core's. "existed" means the
// target already held the image: a success that copied nothing.
func statusOf(s string) (status core.TaskStatus, skipped bool) {
	switch s {
	case "waiting":
		return core.StatusPending, false
	case "running":
		return core.StatusSyncing, false
	case "success":
		return core.StatusSuccess, false
	case "existed":
		return core.StatusSuccess, true
	case "failed", "timeout":
		return core.StatusFailed, false
	case "cancel":
		return core.StatusCanceled, false
	}
	return core.StatusPending, false
}

// inFlight reports whether a job status is not final yet.
func inFlight(s string) bool { return s == "waiting" || s == "running" }

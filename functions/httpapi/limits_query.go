package httpapi

import (
	"net/http"
	"path"
	"slices"

	"github.com/imagesync/imagesync/core"
)

// taskStatuses are the values of ?status=.
var taskStatuses = []core.TaskStatus{core.StatusPending, core.StatusSyncing, core.StatusSuccess, core.StatusFailed, core.StatusCanceled}

// checkQuery refuses filter values that no task can have, before they
// reach an engine's API: every value must pass the naming rule of its
// field (empty values do not filter).
func checkQuery(bad *core.ValidationError, q core.TaskQuery) {
	if q.Status != "" && !slices.Contains(taskStatuses, q.Status) {
		bad.Add("status", "must be one of PENDING, SYNCING, SUCCESS, FAILED, CANCELED")
	}
	if q.Tag != "" {
		bad.Add("tag", core.CheckTag(q.Tag))
	}
	for _, f := range []struct{ name, value string }{{"region", q.Region}, {"instance", q.Instance},
		{"namespace", q.Namespace}, {"repository", q.Repository}} {
		if len(f.value) > 256 || !printableName(f.value) {
			bad.Add(f.name, "at most 256 letters, digits and . _ - / characters")
		}
	}
}

func printableName(s string) bool {
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-' || c == '/') {
			return false
		}
	}
	return true
}

// cleanPath refuses request paths with '.', '..' or empty segments (which
// the router would otherwise answer with a redirect), so that every route
// has one spelling.
func cleanPath(r *http.Request) error {
	if p := r.URL.Path; p == "" || p[0] != '/' || path.Clean(p) != p {
		return &core.ValidationError{Fields: []core.FieldError{{Field: "path",
			Reason: "must be a clean path, without '.', '..', '//' or a trailing '/'"}}}
	}
	return nil
}

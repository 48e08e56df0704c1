package httpapi

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/imagesync/imagesync/core"
)

func (h *Handler) createSync(w http.ResponseWriter, r *http.Request) {
	var req core.SyncRequest
	if err := decode(w, r, &req); err != nil {
		writeError(w, err, nil)
		return
	}
	task, err := h.svc.Sync(r.Context(), req)
	if err != nil {
		var t *core.Task
		if task.ID != "" {
			t = &task
		}
		writeError(w, err, t)
		return
	}
	status := http.StatusOK
	if !task.Status.Terminal() {
		status = http.StatusAccepted
		w.Header().Set("Location", "/v1/syncs/"+url.PathEscape(task.ID))
	}
	writeJSON(w, status, task)
}

func (h *Handler) getSync(w http.ResponseWriter, r *http.Request) {
	task, err := h.svc.Task(r.Context(), r.PathValue("id"))
	if err != nil {
		writeError(w, err, nil)
		return
	}
	writeJSON(w, http.StatusOK, task)
}

func (h *Handler) listSyncs(w http.ResponseWriter, r *http.Request) {
	q, err := taskQuery(r.URL.Query())
	if err != nil {
		writeError(w, err, nil)
		return
	}
	page, err := h.svc.Tasks(r.Context(), q)
	if err != nil {
		writeError(w, err, nil)
		return
	}
	writeJSON(w, http.StatusOK, page)
}

var queryKeys = map[string]bool{"engine": true, "region": true, "instance": true, "namespace": true,
	"repository": true, "tag": true, "status": true, "page": true, "pageSize": true}

// taskQuery reads a TaskQuery from URL parameters, refusing unknown ones.
func taskQuery(v url.Values) (core.TaskQuery, error) {
	bad := &core.ValidationError{}
	for k := range v {
		if !queryKeys[k] {
			bad.Add(k, "unknown query parameter")
		}
	}
	q := core.TaskQuery{Engine: v.Get("engine"), Region: v.Get("region"), Instance: v.Get("instance"),
		Namespace: v.Get("namespace"), Repository: v.Get("repository"), Tag: v.Get("tag"),
		Status: core.TaskStatus(v.Get("status"))}
	q.Page = intParam(bad, v, "page")
	q.PageSize = intParam(bad, v, "pageSize")
	checkQuery(bad, q)
	return q, bad.Err()
}

func intParam(bad *core.ValidationError, v url.Values, key string) int {
	s := v.Get(key)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 100000 {
		bad.Add(key, "must be a positive integer")
	}
	return n
}

package core

import (
	"sort"
	"strings"
	"sync"
)

// history keeps the most recent tasks in memory, newest last, so that tasks
// that finished inside this process can be asked for by id.
type history struct {
	mu    sync.Mutex
	limit int
	order []string
	tasks map[string]Task
}

func newHistory(limit int) *history {
	return &history{limit: limit, tasks: map[string]Task{}}
}

func (h *history) put(t Task) {
	if h.limit <= 0 || t.ID == "" {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.tasks[t.ID]; !ok {
		h.order = append(h.order, t.ID)
	}
	h.tasks[t.ID] = t
	for len(h.order) > h.limit {
		delete(h.tasks, h.order[0])
		h.order = h.order[1:]
	}
}

func (h *history) get(id string) (Task, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	t, ok := h.tasks[id]
	return t, ok
}

// list returns a page of the tasks of one engine matching q that visible
// lets through (the caller's policy), newest first.
func (h *history) list(q TaskQuery, visible func(Task) bool) TaskPage {
	h.mu.Lock()
	var all []Task
	for i := len(h.order) - 1; i >= 0; i-- {
		if t := h.tasks[h.order[i]]; matches(t, q) && visible(t) {
			all = append(all, t)
		}
	}
	h.mu.Unlock()
	sort.SliceStable(all, func(i, j int) bool { return all[i].CreatedAt.After(all[j].CreatedAt) })
	page := TaskPage{Page: q.Page, PageSize: q.PageSize, Total: len(all), Tasks: []Task{}}
	from := (q.Page - 1) * q.PageSize
	if from < len(all) {
		page.Tasks = all[from:min(from+q.PageSize, len(all))]
	}
	return page
}

func matches(t Task, q TaskQuery) bool {
	if q.Engine != "" && t.Engine != q.Engine || q.Status != "" && t.Status != q.Status {
		return false
	}
	if !matchesPlace(t, q) {
		return false
	}
	if q.Tag != "" && t.Source.Tag != q.Tag && t.Target.Tag != q.Tag {
		if r, ok := t.Source.Ref(); !ok || r.Tag != q.Tag {
			return false
		}
	}
	return true
}

// matchesPlace reports whether one side of t, its source or its target,
// matches every place filter of q (region, instance, namespace,
// repository; empty ones do not filter). Cloud coordinates match by their
// fields. An image reference matches by its path: namespace is its first
// segment, repository the path after it or the whole path, so that
// registry-engine tasks answer the same filters as the clouds'; a
// reference has no region or instance, so those filters leave it out.
func matchesPlace(t Task, q TaskQuery) bool {
	if q.Region == "" && q.Instance == "" && q.Namespace == "" && q.Repository == "" {
		return true
	}
	return placeMatches(t.Source, q) || placeMatches(t.Target, q)
}

func placeMatches(e Endpoint, q TaskQuery) bool {
	region, instance, namespace, repos := place(e)
	return (q.Region == "" || q.Region == region) &&
		(q.Instance == "" || q.Instance == instance) &&
		(q.Namespace == "" || q.Namespace == namespace) &&
		(q.Repository == "" || contains(repos, q.Repository))
}

// place is where an endpoint points: its region, instance, namespace and
// the names its repository answers to.
func place(e Endpoint) (region, instance, namespace string, repos []string) {
	if ref, ok := e.Ref(); ok {
		namespace, rest, found := strings.Cut(ref.Repository, "/")
		if !found {
			return "", "", "", []string{ref.Repository}
		}
		return "", "", namespace, []string{rest, ref.Repository}
	}
	repos = []string{e.Repository}
	if e.Namespace != "" && e.Repository != "" {
		repos = append(repos, e.Namespace+"/"+e.Repository)
	}
	return e.Region, e.Instance, e.Namespace, repos
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

package core

import (
	"sync"
	"time"
)

// JobRun is a job's last run in this process, as a status page shows it.
type JobRun struct {
	Started  time.Time  `json:"started"`
	Finished time.Time  `json:"finished"`
	Outcome  JobOutcome `json:"outcome"`
	Err      string     `json:"error,omitempty"` // a failure a retry may cure
}

// ReconcileRun is the last reconciliation of the auto-syncs in this
// process.
type ReconcileRun struct {
	Finished time.Time       `json:"finished"`
	Outcome  AutoSyncOutcome `json:"outcome"`
}

// lastRuns remembers the last run of each job and of the reconciliation
// (dry runs aside). The zero value is ready to use.
type lastRuns struct {
	mu        sync.Mutex
	jobs      map[string]JobRun
	reconcile *ReconcileRun
}

func (l *lastRuns) job(name string, r JobRun) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.jobs == nil {
		l.jobs = map[string]JobRun{}
	}
	l.jobs[name] = r
}

func (l *lastRuns) reconciled(r ReconcileRun) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.reconcile = &r
}

// LastRuns returns the last run of each job this process ran (by name),
// and of the auto-sync reconciliation (nil before the first). Dry runs do
// not count.
func (s *Service) LastRuns() (map[string]JobRun, *ReconcileRun) {
	s.runs.mu.Lock()
	defer s.runs.mu.Unlock()
	jobs := make(map[string]JobRun, len(s.runs.jobs))
	for k, v := range s.runs.jobs {
		jobs[k] = v
	}
	if s.runs.reconcile == nil {
		return jobs, nil
	}
	r := *s.runs.reconcile
	return jobs, &r
}

// Triggers returns the configured push rules, jobs and auto-syncs.
func (s *Service) Triggers() Triggers { return s.triggers }

// Recent returns up to n of the tasks this process ran or followed, of
// every engine, newest first.
func (s *Service) Recent(n int) []Task { return s.history.recent(n, func(Task) bool { return true }) }

func (h *history) recent(n int, visible func(Task) bool) []Task {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]Task, 0, min(n, len(h.order)))
	for i := len(h.order) - 1; i >= 0 && len(out) < n; i-- {
		if t := h.tasks[h.order[i]]; visible(t) {
			out = append(out, t)
		}
	}
	return out
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

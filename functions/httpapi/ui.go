package httpapi

import (
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// StatusPage sets the status page (GET / and /ui).
type StatusPage struct {
	// ConfigSource says where the configuration came from (a path, env or
	// default); ConfigDigest is the sha256 of its bytes.
	ConfigSource, ConfigDigest string
	// NextRun is a job schedule's next run after now; nil shows schedules
	// as written.
	NextRun func(schedule string, now time.Time) (time.Time, error)
	// Refresh is how often the page reloads itself (default 10s).
	Refresh time.Duration
	// Tasks is how many recent tasks it lists (default 50).
	Tasks int
}

// WithStatusPage sets the status page (default: no config source, raw
// schedules, a reload every 10 s, 50 tasks).
func WithStatusPage(p StatusPage) Option { return func(h *Handler) { h.page = p } }

// ui serves the status page: what runs here and what it did lately,
// rendered on the server (ui_render.go: every value escaped), reloading
// itself with a meta refresh (no script, no external asset).
func (h *Handler) ui(w http.ResponseWriter, r *http.Request) {
	now := time.Now()
	refresh, n := h.page.Refresh, h.page.Tasks
	if refresh <= 0 {
		refresh = 10 * time.Second
	}
	if n <= 0 {
		n = 50
	}
	p := uiPage{Now: now.UTC().Format("2006-01-02 15:04:05 MST"), RefreshSeconds: int(refresh.Seconds()),
		Refresh: refresh.String(), Engines: h.svc.Engines(), ConfigSource: h.page.ConfigSource, ConfigDigest: h.page.ConfigDigest}
	if p.ConfigSource == "" {
		p.ConfigSource = "not told"
	}
	for _, t := range h.svc.RecentFor(r.Context(), n) {
		p.Tasks = append(p.Tasks, taskRow(t))
	}
	trig := h.svc.Triggers()
	runs, rec := h.svc.LastRuns()
	for _, j := range trig.Jobs {
		last, ran := runs[j.Name]
		p.Jobs = append(p.Jobs, jobRow(j, last, ran, h.page.NextRun, now))
	}
	for _, rule := range trig.OnPush {
		p.Rules = append(p.Rules, ruleRow(rule))
	}
	for _, a := range trig.AutoSync {
		p.AutoSyncs = append(p.AutoSyncs, autoSyncRow(a))
	}
	if rec != nil {
		o := rec.Outcome
		p.Reconciled = fmt.Sprintf("%s: created %d, kept %d, deleted %d, errors %d", rec.Finished.UTC().Format("2006-01-02 15:04:05"),
			len(o.Created), o.Kept, len(o.Deleted), len(o.Errors))
	}
	b := renderUI(p)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	_, _ = w.Write(b)
}

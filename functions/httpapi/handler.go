package httpapi

import (
	"log/slog"
	"net/http"
	"strings"

	"github.com/imagesync/imagesync/core"
)

// Handler serves the imagesync HTTP API over one core.Service.
type Handler struct {
	svc *core.Service
	log *slog.Logger
	mux *http.ServeMux

	event  EventFunc
	tick   TickFunc
	config *configSource // GET /healthz names it

	sec     Security   // auth*.go, webhook.go, limits.go
	page    StatusPage // ui.go
	slots   *limiter
	replays replays
	root    http.Handler
}

// Option configures a Handler.
type Option func(*Handler)

// WithLogger logs one line per request with its request id (default: none).
func WithLogger(l *slog.Logger) Option { return func(h *Handler) { h.log = l } }

// New builds the handler.
func New(svc *core.Service, opts ...Option) *Handler {
	h := &Handler{svc: svc, log: slog.New(slog.DiscardHandler), mux: http.NewServeMux()}
	for _, o := range opts {
		o(h)
	}
	h.mux.HandleFunc("POST /v1/syncs", h.createSync)
	h.mux.HandleFunc("GET /v1/syncs/{id}", h.getSync)
	h.mux.HandleFunc("GET /v1/syncs", h.listSyncs)
	h.mux.HandleFunc("GET /healthz", h.health)
	h.mux.HandleFunc("GET /{$}", h.ui)
	h.mux.HandleFunc("GET /ui", h.ui)
	if h.event != nil {
		h.mux.HandleFunc("POST /v1/events", h.postEvent)
		h.mux.HandleFunc("POST /v1/ticks", h.postTick)
	}
	h.mux.HandleFunc("/", h.notFound)
	h.slots = newLimiter(h.sec.Limits.Concurrent)
	h.root = withRequestID(h.log, h.secured(h.mux))
	return h
}

// ServeHTTP serves one request with a request id, a log line, panic
// recovery, authentication and limits.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.root.ServeHTTP(w, r)
}

// notFound answers what no route serves: 405 with Allow when the path is
// served under other methods, else 404.
func (h *Handler) notFound(w http.ResponseWriter, r *http.Request) {
	if allow := h.allowed(r); len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		writeError(w, &MethodError{Method: r.Method, Path: r.URL.Path, Allow: allow}, nil)
		return
	}
	writeError(w, core.Errorf(core.ErrNotFound, "no route %s %s", r.Method, r.URL.Path), nil)
}

// allowed lists the methods a route serves r's path with (the catch-all
// aside).
func (h *Handler) allowed(r *http.Request) []string {
	var out []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := h.mux.Handler(probe); pattern != "/" && pattern != "" {
			out = append(out, m)
		}
	}
	return out
}

// MethodError is the answer to a method a route does not serve: 405, kind
// invalid, with the Allow header.
type MethodError struct {
	Method, Path string
	Allow        []string
}

func (e *MethodError) Error() string {
	return e.Method + " is not served on " + e.Path + ": use " + strings.Join(e.Allow, ", ")
}

// Unwrap makes a MethodError an ErrInvalid.
func (e *MethodError) Unwrap() error { return core.ErrInvalid }

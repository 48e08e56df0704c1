package httpapi

import (
	"log/slog"
	"net/http"

	"github.com/imagesync/imagesync/core"
)

// Handler serves the imagesync HTTP API over one core.Service.
type Handler struct {
	svc *core.Service
	log *slog.Logger
	mux *http.ServeMux

	event EventFunc
	tick  TickFunc

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

func (h *Handler) health(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok", "engines": h.svc.Engines()})
}

func (h *Handler) notFound(w http.ResponseWriter, r *http.Request) {
	writeError(w, core.Errorf(core.ErrNotFound, "no route %s %s", r.Method, r.URL.Path), nil)
}

package httpapi

import (
	"log/slog"
	"net/http"

	"github.com/imagesync/imagesync/core"
)

// secured authenticates every request but GET /healthz, gives it its
// deadline and its principal, and holds a concurrency slot for mutating
// calls. A refusal is logged with the request id and reason, never with a
// credential.
func (h *Handler) secured(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/healthz" && r.Method == http.MethodGet {
			next.ServeHTTP(w, r)
			return
		}
		if err := cleanPath(r); err != nil {
			writeError(w, err, nil)
			return
		}
		ctx, cancel := h.sec.Limits.deadline(r.Context())
		defer cancel()
		r = r.WithContext(ctx)
		p, err := h.authenticate(w, r)
		if err != nil {
			h.log.LogAttrs(ctx, slog.LevelWarn, "refused", slog.String("requestId", RequestID(ctx)),
				slog.String("path", r.URL.Path), slog.String("reason", err.Error()))
			if core.IsKind(err, core.ErrUnauthorized) {
				w.Header().Set("WWW-Authenticate", `Bearer realm="imagesync"`)
			}
			writeError(w, err, nil)
			return
		}
		if mutating(r) {
			release, err := h.slots.acquire()
			if err != nil {
				writeError(w, err, nil)
				return
			}
			defer release()
		}
		next.ServeHTTP(w, r.WithContext(core.WithPrincipal(ctx, p)))
	})
}

package httpapi

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"

	"github.com/imagesync/imagesync/core"
)

// secured authenticates every request but GET and HEAD /healthz, gives it
// its deadline and its principal, and holds a concurrency slot for
// mutating calls. Authentication is decided from the headers before the
// body is read (a caller without credentials never holds the connection
// with a slow body); the body is then read within server.bodyTimeout, and
// what needs it (a signature's MAC, a webhook's format) is checked last.
// A refusal is logged with the request id and reason, never with a
// credential.
func (h *Handler) secured(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/healthz" && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			dropBody(w, r)
			next.ServeHTTP(w, r)
			return
		}
		if err := cleanPath(r); err != nil {
			dropBody(w, r)
			writeError(w, err, nil)
			return
		}
		ctx, cancel := h.sec.Limits.deadline(r.Context())
		defer cancel()
		r = r.WithContext(ctx)
		p, err := h.authenticate(w, r)
		if err != nil {
			h.refused(w, r, err)
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

// authenticate admits r from its headers, reads its body and confirms
// what the headers claimed; r.Body is the body read, in memory.
func (h *Handler) authenticate(w http.ResponseWriter, r *http.Request) (core.Principal, error) {
	c, err := h.admit(r)
	if err != nil {
		dropBody(w, r)
		return core.Principal{}, err
	}
	body, err := h.readBody(w, r)
	if err != nil {
		return core.Principal{}, err
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	return h.confirm(c, r, body)
}

func (h *Handler) refused(w http.ResponseWriter, r *http.Request, err error) {
	h.log.LogAttrs(r.Context(), slog.LevelWarn, "refused", slog.String("requestId", RequestID(r.Context())),
		slog.String("path", r.URL.Path), slog.String("reason", err.Error()))
	if core.IsKind(err, core.ErrUnauthorized) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="imagesync"`)
	}
	writeError(w, err, nil)
}

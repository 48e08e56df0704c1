package httpapi

import (
	"context"
	"io"
	"net/http"
	"strings"

	"github.com/imagesync/imagesync/core"
)

// MaxEventBody is the largest event body accepted (4 MiB: registries batch
// notifications).
const MaxEventBody = 4 << 20

// EventFunc handles one push or schedule payload: body and headers as
// received, dryRun to plan without changing anything. It returns a
// JSON-encodable outcome; its error is an ErrInvalid for an undecodable
// body, or a failure the sender should retry.
type EventFunc func(ctx context.Context, body []byte, headers map[string]string, dryRun bool) (any, error)

// TickFunc runs a tick now for the named jobs (all when none).
type TickFunc func(ctx context.Context, jobs []string, dryRun bool) (any, error)

// WithEvents serves POST /v1/events and POST /v1/ticks.
func WithEvents(event EventFunc, tick TickFunc) Option {
	return func(h *Handler) { h.event, h.tick = event, tick }
}

func (h *Handler) postEvent(w http.ResponseWriter, r *http.Request) {
	dry, err := dryRunParam(r)
	if err != nil {
		writeError(w, err, nil)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxEventBody))
	if err != nil {
		writeError(w, err, nil)
		return
	}
	headers := make(map[string]string, len(r.Header))
	for k, v := range r.Header {
		headers[strings.ToLower(k)] = strings.Join(v, ",")
	}
	out, err := h.event(r.Context(), body, headers, dry)
	h.answer(w, out, err)
}

func (h *Handler) postTick(w http.ResponseWriter, r *http.Request) {
	dry, err := dryRunParam(r)
	if err != nil {
		writeError(w, err, nil)
		return
	}
	var req struct {
		Jobs []string `json:"jobs"`
	}
	if r.ContentLength != 0 {
		if err := decode(w, r, &req); err != nil && !isEmptyBody(err) {
			writeError(w, err, nil)
			return
		}
	}
	out, err := h.tick(r.Context(), req.Jobs, dry)
	h.answer(w, out, err)
}

// answer writes an outcome; a failure that may pass is 503 with the
// outcome, so that the sender retries and the caller sees what happened.
func (h *Handler) answer(w http.ResponseWriter, out any, err error) {
	switch {
	case err == nil:
		writeJSON(w, http.StatusOK, out)
	case out == nil || core.KindOf(err) == "invalid" || core.KindOf(err) == "not_found":
		writeError(w, err, nil)
	default:
		writeJSON(w, statusOf(err), map[string]any{"error": ErrorDetail{Kind: core.KindOf(err), Message: err.Error()}, "outcome": out})
	}
}

func dryRunParam(r *http.Request) (bool, error) {
	switch v := r.URL.Query().Get("dryRun"); v {
	case "", "false", "0":
		return false, nil
	case "true", "1":
		return true, nil
	}
	return false, &core.ValidationError{Fields: []core.FieldError{{Field: "dryRun", Reason: "must be true or false"}}}
}

func isEmptyBody(err error) bool {
	return strings.Contains(err.Error(), "a JSON object is required")
}

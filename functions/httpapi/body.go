package httpapi

import (
	"errors"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/imagesync/imagesync/core"
)

// BodyTimeoutError is the answer to a body that did not arrive within
// Limits.BodyTimeout: 408, kind invalid, and the connection is closed.
type BodyTimeoutError struct{ Timeout time.Duration }

func (e *BodyTimeoutError) Error() string {
	return "the request body did not arrive within " + e.Timeout.String() + " (server.bodyTimeout)"
}

// Unwrap makes a BodyTimeoutError an ErrInvalid.
func (e *BodyTimeoutError) Unwrap() error { return core.ErrInvalid }

// readBody reads the whole body of an admitted request, within the body
// deadline and the size limit of its route, then lifts the deadline: once
// the body is in, net/http's background read would otherwise cancel a long
// sync when the deadline passes. A body cut short closes the connection.
func (h *Handler) readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	limit := int64(MaxBody)
	if r.URL.Path == "/v1/events" {
		limit = MaxEventBody
	}
	rc := http.NewResponseController(w)
	if t := h.sec.Limits.BodyTimeout; t > 0 {
		_ = rc.SetReadDeadline(time.Now().Add(t)) // unsupported off a net/http server: the body is in memory there
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		dropBody(w, r)
		if errors.Is(err, os.ErrDeadlineExceeded) {
			return nil, &BodyTimeoutError{Timeout: h.sec.Limits.BodyTimeout}
		}
		return nil, bodyError(err)
	}
	_ = rc.SetReadDeadline(time.Time{})
	return body, nil
}

// dropBody makes the server close the connection after an answer given
// without reading the body, at once: net/http would otherwise read up to
// 256 KiB of an unread body to reuse the connection, waiting on a client
// that sends it slowly.
func dropBody(w http.ResponseWriter, r *http.Request) {
	if r.ContentLength == 0 {
		return // nothing left unread
	}
	w.Header().Set("Connection", "close")
	_ = http.NewResponseController(w).SetReadDeadline(time.Now())
}

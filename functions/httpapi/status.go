package httpapi

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/imagesync/imagesync/core"
)

// statusOf is the one place where an error kind becomes an HTTP status.
func statusOf(err error) int {
	var slow *BodyTimeoutError
	var method *MethodError
	switch {
	case errors.As(err, &slow):
		return http.StatusRequestTimeout
	case errors.As(err, &method):
		return http.StatusMethodNotAllowed
	}
	switch core.KindOf(err) {
	case "invalid":
		return http.StatusBadRequest
	case "not_found":
		return http.StatusNotFound
	case "unauthorized":
		return http.StatusUnauthorized
	case "forbidden":
		return http.StatusForbidden
	case "conflict":
		return http.StatusConflict
	case "throttled":
		return http.StatusTooManyRequests
	case "unavailable":
		return http.StatusServiceUnavailable
	}
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusInternalServerError
}

// ErrorBody is the JSON shape of every error the API returns.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
	Task  *core.Task  `json:"task,omitempty"` // the failed task, when there is one
}

// ErrorDetail says what went wrong, in what field.
type ErrorDetail struct {
	Kind    string            `json:"kind"`
	Message string            `json:"message"`
	Fields  []core.FieldError `json:"fields,omitempty"`
}

func writeError(w http.ResponseWriter, err error, task *core.Task) {
	status := statusOf(err)
	body := ErrorBody{Error: ErrorDetail{Kind: core.KindOf(err), Message: err.Error()}, Task: task}
	var v *core.ValidationError
	if errors.As(err, &v) {
		body.Error.Fields = v.Fields
	}
	if status == http.StatusRequestEntityTooLarge {
		body.Error.Kind = "invalid"
	}
	if status == http.StatusInternalServerError {
		body.Error.Message = "internal error"
	}
	if d := core.RetryAfter(err); d > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(d.Seconds()+0.999)))
	}
	writeJSON(w, status, body)
}

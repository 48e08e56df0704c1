package core

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// The kinds of failure. Every error from core or an engine wraps exactly one.
var (
	ErrInvalid      = errors.New("invalid")
	ErrNotFound     = errors.New("not found")
	ErrUnauthorized = errors.New("unauthorized")
	ErrForbidden    = errors.New("forbidden")
	ErrConflict     = errors.New("conflict")
	ErrThrottled    = errors.New("throttled")
	ErrUnavailable  = errors.New("unavailable")
)

var kinds = []struct {
	err  error
	name string
}{
	{ErrInvalid, "invalid"},
	{ErrNotFound, "not_found"},
	{ErrUnauthorized, "unauthorized"},
	{ErrForbidden, "forbidden"},
	{ErrConflict, "conflict"},
	{ErrThrottled, "throttled"},
	{ErrUnavailable, "unavailable"},
}

// KindOf names the kind an error wraps ("invalid", "not_found", ...), or
// "internal" when it wraps none.
func KindOf(err error) string {
	for _, k := range kinds {
		if errors.Is(err, k.err) {
			return k.name
		}
	}
	return "internal"
}

// FieldError is one problem with one field of a request.
type FieldError struct {
	Field  string `json:"field"`
	Reason string `json:"reason"`
}

// ValidationError lists every problem found in a request. It is ErrInvalid.
type ValidationError struct {
	Fields []FieldError
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + ": " + f.Reason
	}
	return "invalid request: " + strings.Join(parts, "; ")
}

// Unwrap makes a ValidationError match ErrInvalid.
func (e *ValidationError) Unwrap() error { return ErrInvalid }

// Add records a problem; it is a no-op on reason "".
func (e *ValidationError) Add(field, reason string) {
	if reason != "" {
		e.Fields = append(e.Fields, FieldError{Field: field, Reason: reason})
	}
}

// Err returns nil when no problem was recorded, else e.
func (e *ValidationError) Err() error {
	if len(e.Fields) == 0 {
		return nil
	}
	return e
}

// ProviderError is a failure reported by a cloud or registry API. It keeps the
// provider's own code and request id so that an operator can quote them.
type ProviderError struct {
	Kind       error         // one of the sentinel kinds
	Provider   string        // "acr", "swr", "registry", ...
	Code       string        // the provider's error code, e.g. NoPrivilege
	Message    string        // the provider's message
	RequestID  string        // the provider's request id, if any
	Status     int           // HTTP status of the provider's answer, if any
	RetryAfter time.Duration // when the provider asked to wait
}

func (e *ProviderError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", e.Provider, KindOf(e.Kind))
	if e.Code != "" {
		fmt.Fprintf(&b, " (%s)", e.Code)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " [request id %s]", e.RequestID)
	}
	return b.String()
}

// Unwrap makes a ProviderError match its Kind.
func (e *ProviderError) Unwrap() error { return e.Kind }

// RetryAfter returns how long the caller was asked to wait, or 0.
func RetryAfter(err error) time.Duration {
	var p *ProviderError
	if errors.As(err, &p) {
		return p.RetryAfter
	}
	return 0
}

// Errorf returns an error of the given kind with a formatted message.
func Errorf(kind error, format string, args ...any) error {
	return &kindError{kind: kind, msg: fmt.Sprintf(format, args...)}
}

type kindError struct {
	kind error
	msg  string
}

func (e *kindError) Error() string { return e.msg }
func (e *kindError) Unwrap() error { return e.kind }

// KindOfStatus is the kind an HTTP status of a provider's answer means: 401
// unauthorized, 403 forbidden, 404 not found, 409 conflict, 429 throttled,
// 408 and 5xx unavailable, any other 4xx invalid; anything else (a status
// that should not be an error) unavailable.
func KindOfStatus(status int) error {
	switch {
	case status == 401:
		return ErrUnauthorized
	case status == 403:
		return ErrForbidden
	case status == 404:
		return ErrNotFound
	case status == 409:
		return ErrConflict
	case status == 429:
		return ErrThrottled
	case status == 408 || status >= 500:
		return ErrUnavailable
	case status >= 400:
		return ErrInvalid
	}
	return ErrUnavailable
}

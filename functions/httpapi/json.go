package httpapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/imagesync/imagesync/core"
)

// MaxBody is the largest request body accepted (1 MiB).
const MaxBody = 1 << 20

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// decode reads one JSON value from the body into v, refusing unknown
// fields, trailing data and bodies over MaxBody.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, MaxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return bodyError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return invalidBody("one JSON object expected, found more after it")
	}
	return nil
}

func bodyError(err error) error {
	var tooLarge *http.MaxBytesError
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooLarge):
		return fmt.Errorf("request body larger than %d bytes: %w", MaxBody, err)
	case errors.Is(err, io.EOF):
		return invalidBody("a JSON object is required")
	case errors.As(err, &syntax):
		return invalidBody(fmt.Sprintf("malformed JSON at byte %d", syntax.Offset))
	case errors.As(err, &typ):
		return &core.ValidationError{Fields: []core.FieldError{{Field: typ.Field, Reason: "must be a JSON " + typ.Type.Kind().String()}}}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &core.ValidationError{Fields: []core.FieldError{{Field: field, Reason: "unknown field"}}}
	}
	return invalidBody("malformed JSON: " + err.Error())
}

func invalidBody(reason string) error {
	return &core.ValidationError{Fields: []core.FieldError{{Field: "body", Reason: reason}}}
}

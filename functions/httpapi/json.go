package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

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
// fields, trailing data, bodies over MaxBody and a key given twice in one
// object: encoding/json would keep the last (matching keys regardless of
// case), where a proxy or policy in front may have read the first.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	if err != nil {
		return bodyError(err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return bodyError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return invalidBody("one JSON object expected, found more after it")
	}
	if k := duplicateKey(raw); k != "" {
		return invalidBody(fmt.Sprintf("key %q appears twice in one object", k))
	}
	return nil
}

// duplicateKey returns the first key of raw (valid JSON) that one object
// holds twice, compared as encoding/json matches fields: under Unicode
// simple case folding (bytes.EqualFold), so "ſource" and "source", or
// "\u212Aind" (Kelvin sign) and "kind", are one key; "" when there is none.
func duplicateKey(raw []byte) string {
	type object struct {
		keys    map[string]bool
		wantKey bool
	}
	var stack []*object // nil entries are arrays
	dec := json.NewDecoder(bytes.NewReader(raw))
	for {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		var top *object
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if d, ok := tok.(json.Delim); ok {
			switch d {
			case '{', '[':
				if top != nil {
					top.wantKey = true // after this value, the parent's next key
				}
				if d == '{' {
					stack = append(stack, &object{keys: map[string]bool{}, wantKey: true})
				} else {
					stack = append(stack, nil)
				}
			default:
				stack = stack[:len(stack)-1]
			}
			continue
		}
		if top == nil {
			continue
		}
		if top.wantKey {
			k, _ := tok.(string)
			folded := foldKey(k)
			if top.keys[folded] {
				return k
			}
			top.keys[folded] = true
		}
		top.wantKey = !top.wantKey
	}
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

// foldKey folds a key as encoding/json does when it matches a name to a
// field: foldKey(a) == foldKey(b) exactly when bytes.EqualFold(a, b).
// ASCII letters are upper-cased; any other rune becomes the smallest rune
// of its simple fold orbit (ſ → S, K → K).
func foldKey(k string) string {
	out := make([]rune, 0, len(k))
	for _, r := range k {
		if r < utf8.RuneSelf {
			if 'a' <= r && r <= 'z' {
				r -= 'a' - 'A'
			}
			out = append(out, r)
			continue
		}
		for {
			next := unicode.SimpleFold(r)
			if next <= r {
				r = next
				break
			}
			r = next
		}
		out = append(out, r)
	}
	return string(out)
}

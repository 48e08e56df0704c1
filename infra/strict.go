package infra

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/imagesync/imagesync/core"
	"gopkg.in/yaml.v3"
)

// decodeStrict decodes a YAML document into v through JSON, so that the
// configuration uses the same field names as the API (the json tags). It
// records in bad, by path, every key that v has no field for and every
// value of the wrong type or form, and decodes the rest, so that one pass
// finds every problem of the file. Only a document that is not YAML at
// all is returned as an error.
func decodeStrict(raw []byte, v any, bad *core.ValidationError) error {
	var doc any
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return fmt.Errorf("%w: %s", core.ErrInvalid, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if doc == nil {
		return nil
	}
	doc = checkValue(bad, "", doc, reflect.TypeOf(v).Elem())
	js, err := json.Marshal(doc)
	if err != nil {
		return fmt.Errorf("%w: %v", core.ErrInvalid, err)
	}
	if err := json.Unmarshal(js, v); err != nil {
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) { // checkValue checks shapes first: this is a fallback
			bad.Add(strings.TrimPrefix(typ.Field, "Triggers."), "must be "+kindWord(typ.Type))
			return nil
		}
		return fmt.Errorf("%w: %v", core.ErrInvalid, err)
	}
	return nil
}

// checkValue walks a decoded YAML value against the type it decodes into,
// records unknown keys and values of the wrong type, and returns the value
// to decode: wrong values become null (the field keeps its zero value),
// unknown keys are dropped and durations become nanoseconds.
func checkValue(bad *core.ValidationError, path string, val any, t reflect.Type) any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if val == nil || t.Kind() == reflect.Interface || reflect.PointerTo(t).Implements(jsonUnmarshaler) {
		return val // its own decoder judges the value
	}
	if t == durationType {
		return duration(bad, path, val)
	}
	if reason := shape(val, t); reason != "" {
		bad.Add(orRoot(path), reason)
		return nil
	}
	switch x := val.(type) {
	case map[string]any:
		fields := map[string]reflect.Type{}
		if t.Kind() == reflect.Struct {
			fields = jsonFields(t)
		}
		for _, k := range sortedKeys(x) {
			ft, ok := fields[k]
			if t.Kind() == reflect.Map {
				ft, ok = t.Elem(), true
			}
			if !ok {
				bad.Add(join(path, k), "unknown key")
				delete(x, k)
				continue
			}
			x[k] = checkValue(bad, join(path, k), x[k], ft)
		}
	case []any:
		for i, e := range x {
			x[i] = checkValue(bad, path+"["+strconv.Itoa(i)+"]", e, t.Elem())
		}
	}
	return val
}

var jsonUnmarshaler = reflect.TypeOf((*json.Unmarshaler)(nil)).Elem()

// shape says why a decoded YAML value cannot fill a field of type t ("must
// be a list"), or "": the reason names what to write, not a Go type.
func shape(val any, t reflect.Type) string {
	if val == nil || t == durationType || reflect.PointerTo(t).Implements(jsonUnmarshaler) {
		return ""
	}
	ok := true
	switch _, isMap := val.(map[string]any); t.Kind() {
	case reflect.Slice, reflect.Array:
		_, ok = val.([]any)
	case reflect.Struct, reflect.Map:
		ok = isMap
	case reflect.String:
		_, ok = val.(string)
	case reflect.Bool:
		_, ok = val.(bool)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		switch val.(type) {
		case int, int64, uint64, float64:
		default:
			ok = false
		}
	}
	if ok {
		return ""
	}
	return "must be " + kindWord(t)
}

// kindWord names what a field of type t holds, in YAML's words.
func kindWord(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "a mapping (key: value)"
	case reflect.String:
		return "a string (quote values such as 1.10 or yes)"
	case reflect.Bool:
		return "true or false"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	}
	return "a " + t.String()
}

func orRoot(path string) string {
	if path == "" {
		return "(document)"
	}
	return path
}

// durationType fields, and *time.Duration ones (where 0 differs from
// absent), read "5s" as Go durations do.
var durationType = reflect.TypeOf(time.Duration(0))

// duration turns "5s" into nanoseconds, so that YAML durations read as Go
// durations do. A bare number other than 0 is refused: it has no unit
// (600 would be 600 nanoseconds).
func duration(bad *core.ValidationError, path string, v any) any {
	if n, ok := v.(int); ok && n == 0 {
		return 0
	}
	s, ok := v.(string)
	d, err := time.ParseDuration(s)
	if !ok || err != nil {
		bad.Add(path, "must be a duration such as 500ms, 5s or 2m")
		return nil
	}
	return int64(d)
}

// jsonFields maps the JSON names of a struct's fields (embedded ones
// included) to their types.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" || !f.IsExported() && !f.Anonymous {
			continue
		}
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			for k, v := range jsonFields(ft) {
				out[k] = v
			}
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f.Type
	}
	return out
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

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
// configuration uses the same field names as the API (the json tags). Every
// key that v has no field for is reported, with its path.
func decodeStrict(raw []byte, v any) error {
	var doc any
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return fmt.Errorf("%w: %s", core.ErrInvalid, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if doc == nil {
		return nil
	}
	bad := &core.ValidationError{}
	unknownKeys(bad, "", doc, reflect.TypeOf(v).Elem())
	if err := bad.Err(); err != nil {
		return err
	}
	js, err := json.Marshal(doc)
	if err != nil {
		return fmt.Errorf("%w: %v", core.ErrInvalid, err)
	}
	if err := json.Unmarshal(js, v); err != nil {
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) { // unknownKeys checks shapes first: this is a fallback
			bad.Add(strings.TrimPrefix(typ.Field, "Triggers."), "must be "+kindWord(typ.Type))
			return bad
		}
		return fmt.Errorf("%w: %v", core.ErrInvalid, err)
	}
	return nil
}

// unknownKeys walks a decoded YAML value against the type it decodes into.
func unknownKeys(bad *core.ValidationError, path string, val any, t reflect.Type) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reason := shape(val, t); reason != "" {
		bad.Add(path, reason)
		return
	}
	switch x := val.(type) {
	case map[string]any:
		if t.Kind() == reflect.Map {
			for _, k := range sortedKeys(x) {
				unknownKeys(bad, join(path, k), x[k], t.Elem())
			}
			return
		}
		if t.Kind() != reflect.Struct {
			return
		}
		fields := jsonFields(t)
		for _, k := range sortedKeys(x) {
			ft, ok := fields[k]
			if !ok {
				bad.Add(join(path, k), "unknown key")
				continue
			}
			if ft == durationType || ft == reflect.PointerTo(durationType) {
				x[k] = duration(bad, join(path, k), x[k])
				continue
			}
			unknownKeys(bad, join(path, k), x[k], ft)
		}
	case []any:
		if t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
			for i, e := range x {
				unknownKeys(bad, path+"["+strconv.Itoa(i)+"]", e, t.Elem())
			}
		}
	}
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

// durationType fields, and *time.Duration ones (where 0 differs from
// absent), read "5s" as Go durations do.
var durationType = reflect.TypeOf(time.Duration(0))

// duration turns "5s" into nanoseconds, so that YAML durations read as Go
// durations do.
func duration(bad *core.ValidationError, path string, v any) any {
	s, ok := v.(string)
	if !ok {
		return v
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		bad.Add(path, "must be a duration such as 500ms, 5s or 2m")
		return 0
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

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
		if errors.As(err, &typ) {
			bad.Add(typ.Field, "must be a "+typ.Type.String())
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

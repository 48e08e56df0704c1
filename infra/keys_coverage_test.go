package infra

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/infra/compat"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// docs are the files whose configuration keys are promises.
var docs = []string{"../README.md", "../SECURITY.md"}

// TestEveryDocumentedKeyIsCovered holds the list of keysCovered to the
// configuration and the docs: every key a ```yaml block of README.md or
// SECURITY.md sets, or their prose names in full (`limits.tagsPerJob`),
// must be a key Load parses (a json tag of Config, walked recursively)
// and must name a test that proves it through the real wiring (infra.Build,
// app.New or the built binary); every listed key must be documented; the
// named test must exist and its file must mention the key.
func TestEveryDocumentedKeyIsCovered(t *testing.T) {
	parsed := configKeys()
	documented := documentedKeys(t, parsed)
	require.NotEmpty(t, documented)
	t.Logf("%d documented keys", len(documented))
	for _, key := range sortedSet(documented) {
		assert.Contains(t, keysCovered, key, "%s is documented but no test is listed as covering it", key)
	}
	for _, key := range sortedKeysOf(keysCovered) {
		assert.True(t, parsed[key], "%s is listed but Load does not parse it", key)
		assert.True(t, documented[key], "%s is listed but README.md and SECURITY.md do not document it", key)
		for _, test := range keysCovered[key] {
			assertTestMentions(t, test, leaf(key))
		}
	}
}

// configKeys walks Config's json tags: every key Load accepts, with
// "[]" for list elements and "*" for map keys (policy.rules.*.sources).
func configKeys() map[string]bool {
	out := map[string]bool{}
	var walk func(path string, t reflect.Type, depth int)
	walk = func(path string, t reflect.Type, depth int) {
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if depth > 10 || t == durationType {
			return
		}
		switch t.Kind() {
		case reflect.Struct:
			for name, ft := range jsonFields(t) {
				out[join(path, name)] = true
				walk(join(path, name), ft, depth+1)
			}
		case reflect.Slice, reflect.Array:
			walk(path+"[]", t.Elem(), depth+1)
		case reflect.Map:
			walk(path+".*", t.Elem(), depth+1)
		}
	}
	walk("", reflect.TypeOf(Config{}), 0)
	return out
}

var (
	yamlBlock = regexp.MustCompile("(?s)```yaml\n(.*?)```")
	codeSpan  = regexp.MustCompile("`([a-zA-Z][a-zA-Z0-9]*(?:\\[[0-9]*\\])?(?:\\.[a-zA-Z][a-zA-Z0-9]*(?:\\[[0-9]*\\])?)+)(?::[^`]*)?`")
	index     = regexp.MustCompile(`\[[0-9]*\]`)
)

// documentedKeys are the keys the docs set or name that hold a value (a
// section's key counts through its keys). Names in prose count when they
// spell a whole key from the top (`policy.allowHosts`).
func documentedKeys(t *testing.T, parsed map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, doc := range docs {
		raw, err := os.ReadFile(doc)
		require.NoError(t, err)
		for _, m := range yamlBlock.FindAllSubmatch(raw, -1) {
			bad := &core.ValidationError{}
			require.NoError(t, decodeConfig(m[1], func(string) string { return "" }, &Config{}, bad))
			if format, _ := ConfigFormat(m[1], ""); format != compat.Imagesync {
				continue // regsync's or image-syncer's keys: translated, not imagesync's
			}
			var v any
			require.NoError(t, yaml.Unmarshal(m[1], &v), "a yaml block of %s", doc)
			docKeys("", v, reflect.TypeOf(Config{}), out)
			for _, f := range bad.Fields {
				assert.NotEqual(t, "unknown key", f.Reason, "%s documents %s, which Load does not know", doc, f.Field)
			}
		}
		for _, m := range codeSpan.FindAllSubmatch(raw, -1) {
			if key := canonical(string(m[1]), parsed); key != "" && !section(key) {
				out[key] = true
			}
		}
	}
	return out
}

// docKeys records the keys of a YAML value decoded into t.
func docKeys(path string, v any, t reflect.Type, out map[string]bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch x := v.(type) {
	case map[string]any:
		if t.Kind() == reflect.Map {
			for _, e := range x {
				docKeys(path+".*", e, t.Elem(), out)
			}
			return
		}
		if t.Kind() != reflect.Struct {
			return
		}
		fields := jsonFields(t)
		for k, e := range x {
			if ft, ok := fields[k]; ok {
				if !section(join(path, k)) {
					out[join(path, k)] = true
				}
				docKeys(join(path, k), e, ft, out)
			}
		}
	case []any:
		if t.Kind() == reflect.Slice {
			for _, e := range x {
				docKeys(path+"[]", e, t.Elem(), out)
			}
		}
	}
}

// canonical turns a key named in prose (policy.rules.ci.sources,
// jobs[0].tags) into the parsed key it names, or "".
func canonical(name string, parsed map[string]bool) string {
	name = index.ReplaceAllString(name, "[]")
	if parsed[name] {
		return name
	}
	for key := range parsed { // a map key given by name: policy.rules.ci
		if strings.Contains(key, ".*") && regexp.MustCompile("^"+strings.ReplaceAll(regexp.QuoteMeta(key), `\*`, `[^.]+`)+"$").MatchString(name) {
			return key
		}
	}
	return ""
}

// section reports whether key holds a mapping or a list of mappings (its
// own keys are what is documented and covered).
func section(key string) bool {
	t := typeOf(key)
	for t != nil && (t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map) {
		if t.Kind() == reflect.Map && t.Elem().Kind() != reflect.Struct {
			return false // a map of plain values (acrHosts) is a value
		}
		t = t.Elem()
	}
	return t != nil && t.Kind() == reflect.Struct && t != durationType
}

// typeOf is the Go type of a parsed key.
func typeOf(key string) reflect.Type {
	t := reflect.TypeOf(Config{})
	for _, part := range strings.Split(strings.ReplaceAll(key, "[]", ""), ".") {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if part == "*" {
			t = t.Elem()
			continue
		}
		ft, ok := jsonFields(t)[part]
		if !ok {
			return nil
		}
		t = ft
	}
	return t
}

func leaf(key string) string {
	parts := strings.Split(strings.ReplaceAll(key, "[]", ""), ".")
	return parts[len(parts)-1]
}

// assertTestMentions checks that test ("functions/app.TestTagsPerJobWired")
// exists, and that its file names the key.
func assertTestMentions(t *testing.T, test, key string) {
	pkg, name, ok := strings.Cut(test, ".")
	require.True(t, ok, "%s: name tests as package/dir.TestName", test)
	files, err := filepath.Glob(filepath.Join("..", pkg, "*_test.go"))
	require.NoError(t, err)
	for _, f := range files {
		raw, err := os.ReadFile(f)
		require.NoError(t, err)
		if strings.Contains(string(raw), "func "+name+"(") {
			assert.Contains(t, string(raw), key, "%s does not mention %s", test, key)
			return
		}
	}
	t.Errorf("%s: no such test", test)
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

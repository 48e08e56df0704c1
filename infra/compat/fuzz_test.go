package compat

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzTranslate feeds hostile bytes to the detector and both translators:
// none may panic, and a translation that succeeds must marshal.
func FuzzTranslate(f *testing.F) {
	inputs, _ := filepath.Glob("testdata/*/*")
	for _, in := range inputs {
		if raw, err := os.ReadFile(in); err == nil {
			f.Add(raw)
		}
	}
	for _, s := range []string{
		"a: &a [*a]", "x: &x {<<: *x}", "sync: [{<<: [*y]}]", "{\"images\": {\"a/b:/(/\": 1}}",
		"version: 1\nsync:\n  - {source: a, target: b, type: image, tags: {allow: ['(']}}",
		"creds: [{registry: '{{env', pass: '{{.X}}'}]", "[", "{\"a\":", "images: {'a/b:x,,': ['', 'c:d,e']}",
	} {
		f.Add([]byte(s))
	}
	none := func(string) string { return "" }
	f.Fuzz(func(t *testing.T, raw []byte) {
		native := func(k string) bool { return nativeForTest[k] }
		_, _ = Detect(raw, native)
		for _, format := range []Format{Regsync, ImageSyncer} {
			res, err := Translate(raw, format, Options{Getenv: none, ReadFile: func(string) ([]byte, error) { return nil, os.ErrNotExist }})
			if err == nil {
				if _, err := res.YAML(); err != nil {
					t.Fatalf("%s translation does not marshal: %v", format, err)
				}
			}
		}
	})
}

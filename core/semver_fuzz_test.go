package core_test

import (
	"testing"

	"github.com/imagesync/imagesync/core"
)

// FuzzSemver feeds tags (which come from registries) and ranges through
// the parsers: no panic, and parsing is consistent with comparison.
func FuzzSemver(f *testing.F) {
	for _, s := range []string{"1.2.3", "v1.2", "1.2.3-rc.1+b", "^1.4", ">=1.2 <2 || 3.x", "~0.0.1", "*"} {
		f.Add(s, s)
	}
	f.Fuzz(func(t *testing.T, tag, rng string) {
		v, ok := core.ParseVersion(tag)
		if ok && v.Compare(v) != 0 {
			t.Fatalf("%q does not equal itself", tag)
		}
		r, reason := core.ParseSemverRange(rng)
		if reason == "" && ok {
			_ = r.Contains(v)
		}
		_ = core.MatchGlob(rng, tag)
		_, _ = core.TagFilter{Include: []string{rng}}.Match(tag)
	})
}

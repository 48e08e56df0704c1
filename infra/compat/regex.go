package compat

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// imagesync matches a tag filter pattern q as ^(?:q)$. The tools it reads
// match theirs otherwise; these turn their patterns into ones that select
// exactly the same tags, written as given when that is already so.

// fromRegsync turns a regsync allow/deny pattern p, which regsync matches
// as the unanchored search of "^" + p + "$" (so "latest|3" also selects
// "13" and "latest-rc"), into an imagesync pattern.
func fromRegsync(p string) (string, error) {
	whole := "^" + p + "$"
	if _, err := regexp.Compile(whole); err != nil {
		return "", err
	}
	if sameRegexp(whole, "^(?:"+p+")$") {
		return p, nil
	}
	return ".*(?:" + whole + ").*", nil
}

// fromSearch turns a pattern matched as an unanchored search (image-syncer's
// /regex/ tags) into an imagesync pattern.
func fromSearch(r string) (string, error) {
	if _, err := regexp.Compile(r); err != nil {
		return "", err
	}
	if inner, ok := strings.CutPrefix(r, "^"); ok && strings.HasSuffix(inner, "$") {
		inner = inner[:len(inner)-1]
		if sameRegexp(r, "^(?:"+inner+")$") {
			return inner, nil
		}
	}
	return ".*(?:" + r + ").*", nil
}

// sameRegexp reports whether a and b parse to the same program shape (a
// sufficient test of equivalence: a false answer only costs readability).
func sameRegexp(a, b string) bool {
	ra, err1 := syntax.Parse(a, syntax.Perl)
	rb, err2 := syntax.Parse(b, syntax.Perl)
	return err1 == nil && err2 == nil && ra.Simplify().String() == rb.Simplify().String()
}

package core

import (
	"strconv"
	"strings"
)

// SemverRange is a set of version constraints in the npm style:
// comparators separated by spaces (or commas) must all hold, and
// alternatives separated by "||" are OR-ed. A comparator is an operator
// (=, >, >=, <, <=, ^, ~ or none) and a version that may be partial or use
// x/* wildcards: ">=1.2 <2", "^1.4", "~1.2.3", "1.x", "1.2.3 || >=2.1".
// ^1.4 means >=1.4.0 <2.0.0 (^0.4 means <0.5.0, ^0.0.4 means <0.0.5);
// ~1.2.3 means >=1.2.3 <1.3.0. A prerelease version (1.3.0-rc.1, or
// 1.3.0-alpine) satisfies a range only when a comparator names a
// prerelease of the same major.minor.patch.
type SemverRange struct {
	alts [][]comparator
}

type comparator struct {
	op string // >=, >, <, <=, =
	v  Version
}

// ParseSemverRange parses s; on failure it returns the rule broken.
func ParseSemverRange(s string) (SemverRange, string) {
	var r SemverRange
	if strings.TrimSpace(s) == "" {
		return r, "semver range is empty"
	}
	if len(s) > 256 {
		return r, "semver range longer than 256 characters"
	}
	for _, alt := range strings.Split(s, "||") {
		var set []comparator
		fields := strings.FieldsFunc(alt, func(c rune) bool { return c == ' ' || c == ',' || c == '\t' })
		if len(fields) == 0 {
			return r, "empty alternative in semver range " + strconv.Quote(s)
		}
		for _, f := range fields {
			cs, reason := parseComparator(f)
			if reason != "" {
				return r, reason
			}
			set = append(set, cs...)
		}
		r.alts = append(r.alts, set)
	}
	return r, ""
}

func parseComparator(f string) ([]comparator, string) {
	op := ""
	for _, o := range []string{">=", "<=", ">", "<", "=", "^", "~"} {
		if strings.HasPrefix(f, o) {
			op, f = o, f[len(o):]
			break
		}
	}
	v, n, ok := parsePartial(f)
	if !ok {
		return nil, "invalid version " + strconv.Quote(f) + " in semver range (want 1, 1.2, 1.2.3, 1.x or *, with an optional operator)"
	}
	if n == 0 { // * or x: any release
		if op == "<" || op == ">" {
			return []comparator{{"<", Version{}}}, "" // matches nothing, as in npm
		}
		return nil, ""
	}
	lower := []comparator{{">=", v}}
	switch op {
	case "", "=":
		if n == 3 {
			return []comparator{{"=", v}}, ""
		}
		return append(lower, comparator{"<", bump(v, n)}), ""
	case ">=":
		return lower, ""
	case ">":
		if n == 3 {
			return []comparator{{">", v}}, ""
		}
		return []comparator{{">=", bump(v, n)}}, ""
	case "<":
		return []comparator{{"<", Version{Major: v.Major, Minor: v.Minor, Patch: v.Patch}}}, ""
	case "<=":
		if n == 3 {
			return []comparator{{"<=", v}}, ""
		}
		return []comparator{{"<", bump(v, n)}}, ""
	case "~":
		return append(lower, comparator{"<", bump(v, min(n, 2))}), ""
	}
	// ^: bump the first non-zero component given (or the last given).
	pos := n
	switch {
	case v.Major > 0 || n == 1:
		pos = 1
	case v.Minor > 0 || n == 2:
		pos = 2
	}
	return append(lower, comparator{"<", bump(v, pos)}), ""
}

// Contains reports whether v satisfies the range.
func (r SemverRange) Contains(v Version) bool {
	for _, set := range r.alts {
		if satisfies(set, v) {
			return true
		}
	}
	return false
}

func satisfies(set []comparator, v Version) bool {
	preAllowed := len(v.Pre) == 0
	for _, c := range set {
		d := v.Compare(c.v)
		if !holds(c.op, d) {
			return false
		}
		if len(c.v.Pre) > 0 && c.v.sameCore(v) {
			preAllowed = true
		}
	}
	return preAllowed
}

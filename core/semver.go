package core

import (
	"cmp"
	"strconv"
	"strings"
)

// Version is a semantic version parsed from an image tag. Tags may start
// with 'v' and may omit minor and patch ("v1.2" is 1.2.0). Anything after
// '-' is a prerelease ("1.2.3-rc.1", and also "1.2.3-alpine"); anything
// after '+' is build metadata and is ignored when comparing.
type Version struct {
	Major, Minor, Patch int
	Pre                 []string
}

// ParseVersion parses a tag as a version; ok is false when it is none.
func ParseVersion(tag string) (v Version, ok bool) {
	s := strings.TrimPrefix(strings.TrimPrefix(tag, "v"), "V")
	if i := strings.IndexByte(s, '+'); i >= 0 {
		s = s[:i]
	}
	if i := strings.IndexByte(s, '-'); i >= 0 {
		pre := s[i+1:]
		s = s[:i]
		if pre == "" {
			return v, false
		}
		v.Pre = strings.Split(pre, ".")
		for _, p := range v.Pre {
			if p == "" {
				return v, false
			}
		}
	}
	parts := strings.Split(s, ".")
	if len(parts) > 3 {
		return v, false
	}
	nums := [3]int{}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || len(p) > 9 || p[0] == '+' {
			return v, false
		}
		nums[i] = n
	}
	v.Major, v.Minor, v.Patch = nums[0], nums[1], nums[2]
	return v, true
}

// Compare orders versions by semver precedence: -1, 0 or +1.
func (v Version) Compare(w Version) int {
	if c := cmp.Compare(v.Major, w.Major); c != 0 {
		return c
	}
	if c := cmp.Compare(v.Minor, w.Minor); c != 0 {
		return c
	}
	if c := cmp.Compare(v.Patch, w.Patch); c != 0 {
		return c
	}
	switch {
	case len(v.Pre) == 0 && len(w.Pre) == 0:
		return 0
	case len(v.Pre) == 0:
		return 1 // a release ranks above its prereleases
	case len(w.Pre) == 0:
		return -1
	}
	for i := 0; i < len(v.Pre) && i < len(w.Pre); i++ {
		if c := comparePre(v.Pre[i], w.Pre[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(v.Pre), len(w.Pre))
}

func comparePre(a, b string) int {
	na, errA := strconv.Atoi(a)
	nb, errB := strconv.Atoi(b)
	switch {
	case errA == nil && errB == nil:
		return cmp.Compare(na, nb)
	case errA == nil:
		return -1 // numeric identifiers rank below alphanumeric ones
	case errB == nil:
		return 1
	}
	return strings.Compare(a, b)
}

func (v Version) sameCore(w Version) bool {
	return v.Major == w.Major && v.Minor == w.Minor && v.Patch == w.Patch
}

// parsePartial parses 1, 1.2, 1.2.3, 1.x, * (n is how many numbers were given).
func parsePartial(s string) (v Version, n int, ok bool) {
	s = strings.TrimPrefix(s, "v")
	if s == "*" || s == "x" || s == "X" {
		return v, 0, true
	}
	nums, pre, hasPre := strings.Cut(s, "-")
	parts := strings.Split(nums, ".")
	for len(parts) > 0 && isWild(parts[len(parts)-1]) {
		parts = parts[:len(parts)-1]
	}
	if len(parts) == 0 || len(parts) > 3 || (hasPre && len(parts) < 3) {
		return v, 0, false
	}
	full := strings.Join(parts, ".")
	if hasPre {
		full += "-" + pre
	}
	v, ok = ParseVersion(full)
	return v, len(parts), ok
}

func holds(op string, d int) bool {
	switch op {
	case ">=":
		return d >= 0
	case ">":
		return d > 0
	case "<":
		return d < 0
	case "<=":
		return d <= 0
	}
	return d == 0
}

func isWild(s string) bool { return s == "x" || s == "X" || s == "*" }

func bump(v Version, n int) Version {
	switch n {
	case 1:
		return Version{Major: v.Major + 1}
	case 2:
		return Version{Major: v.Major, Minor: v.Minor + 1}
	}
	return Version{Major: v.Major, Minor: v.Minor, Patch: v.Patch + 1}
}

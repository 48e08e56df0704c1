package core

import (
	"cmp"
	"regexp"
	"slices"
	"strconv"
	"time"
)

// TagFilter selects tags. A tag passes when it fully matches at least one
// Include pattern (or Include is empty), fully matches no Exclude pattern,
// and, when Semver is set, parses as a version inside that range (see
// SemverRange). Patterns are Go regular expressions matched against the
// whole tag: "v1\..*" matches v1.2 but not xv1.2. Latest (jobs only) keeps
// the first N of the tags that pass, in Order: "semver" (the default) puts
// those that parse as versions first, highest version first, then the
// others by name, descending; "pushed" puts the most recently pushed first,
// where the registry tells when (Docker Hub, quay.io, Harbor, ECR, SWR,
// ACR EE, Artifact Registry, GCR: see TagTimer), tags it gives no time for last,
// in semver order.
type TagFilter struct {
	Include []string `json:"include,omitempty"`
	Exclude []string `json:"exclude,omitempty"`
	Semver  string   `json:"semver,omitempty"`
	Latest  int      `json:"latest,omitempty"`
	Order   string   `json:"order,omitempty"` // "semver" (default) or "pushed"
}

// Tag orders for TagFilter.Order.
const (
	OrderSemver = "semver"
	OrderPushed = "pushed"
)

// IsZero reports whether the filter lets every tag through.
func (f TagFilter) IsZero() bool {
	return len(f.Include) == 0 && len(f.Exclude) == 0 && f.Semver == "" && f.Latest == 0
}

type tagMatcher struct {
	include, exclude []*regexp.Regexp
	semver           *SemverRange
}

// validate records every problem of the filter under path (e.g. "tags").
func (f TagFilter) validate(v *ValidationError, path string) *tagMatcher {
	m := &tagMatcher{}
	compile := func(field string, pats []string) []*regexp.Regexp {
		var out []*regexp.Regexp
		for i, p := range pats {
			re, err := regexp.Compile(`^(?:` + p + `)$`)
			if err != nil || len(p) > 1024 {
				v.Add(path+"."+field+"["+strconv.Itoa(i)+"]", "not a valid regular expression: "+errText(err))
				continue
			}
			out = append(out, re)
		}
		return out
	}
	m.include, m.exclude = compile("include", f.Include), compile("exclude", f.Exclude)
	if f.Semver != "" {
		r, reason := ParseSemverRange(f.Semver)
		v.Add(path+".semver", reason)
		m.semver = &r
	}
	if f.Latest < 0 {
		v.Add(path+".latest", "must be 0 (all) or more")
	}
	if f.Order != "" && f.Order != OrderSemver && f.Order != OrderPushed {
		v.Add(path+".order", `must be "semver" or "pushed"`)
	}
	return m
}

func errText(err error) string {
	if err == nil {
		return "longer than 1024 characters"
	}
	return err.Error()
}

// Validate returns a *ValidationError naming each bad field, or nil.
func (f TagFilter) Validate() error {
	v := &ValidationError{}
	f.validate(v, "tags")
	return v.Err()
}

// reason returns "" when tag passes, else why it does not.
func (m *tagMatcher) reason(tag string) string {
	if len(m.include) > 0 && !slices.ContainsFunc(m.include, func(re *regexp.Regexp) bool { return re.MatchString(tag) }) {
		return "tag " + tag + " matches no include pattern"
	}
	for _, re := range m.exclude {
		if re.MatchString(tag) {
			return "tag " + tag + " matches exclude pattern " + re.String()
		}
	}
	if m.semver != nil {
		ver, ok := ParseVersion(tag)
		if !ok {
			return "tag " + tag + " is not a semantic version"
		}
		if !m.semver.Contains(ver) {
			return "tag " + tag + " is outside the semver range"
		}
	}
	return ""
}

// Match reports whether one tag passes the filter (Latest is not applied);
// reason says why not. An invalid filter passes nothing.
func (f TagFilter) Match(tag string) (ok bool, reason string) {
	v := &ValidationError{}
	m := f.validate(v, "tags")
	if err := v.Err(); err != nil {
		return false, err.Error()
	}
	r := m.reason(tag)
	return r == "", r
}

// Select returns the tags that pass, ordered highest first (as Latest
// describes), cut to Latest when it is set. An invalid filter selects none.
func (f TagFilter) Select(tags []string) []string {
	return f.sel(tags, compareTagsDesc)
}

// SelectPushed is Select in push order: the most recently pushed first,
// pushed giving each tag's last push; tags it has no time for come last,
// in semver order.
func (f TagFilter) SelectPushed(tags []string, pushed map[string]time.Time) []string {
	return f.sel(tags, func(a, b string) int {
		ta, okA := pushed[a]
		tb, okB := pushed[b]
		switch {
		case okA && okB && !ta.Equal(tb):
			return tb.Compare(ta)
		case okA && !okB:
			return -1
		case okB && !okA:
			return 1
		}
		return compareTagsDesc(a, b)
	})
}

func (f TagFilter) sel(tags []string, order func(a, b string) int) []string {
	v := &ValidationError{}
	m := f.validate(v, "tags")
	if v.Err() != nil {
		return nil
	}
	var out []string
	for _, t := range tags {
		if m.reason(t) == "" {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	out = slices.Compact(out)
	slices.SortStableFunc(out, order)
	if f.Latest > 0 && len(out) > f.Latest {
		out = out[:f.Latest]
	}
	return out
}

func compareTagsDesc(a, b string) int {
	va, okA := ParseVersion(a)
	vb, okB := ParseVersion(b)
	switch {
	case okA && okB:
		if c := vb.Compare(va); c != 0 {
			return c
		}
	case okA:
		return -1
	case okB:
		return 1
	}
	return cmp.Compare(b, a)
}

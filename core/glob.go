package core

import (
	"path"
	"strings"
)

// MatchGlob reports whether name matches pattern. Both are slash-separated;
// each pattern segment is matched with path.Match against one name segment
// ('*' and '?' never cross a '/', '[a-z]' classes work), except the segment
// "**", which matches any number of whole segments, including none. An
// empty pattern matches everything. "team/**" matches "team/a" and
// "team/a/b" (and "team"); "*/app" matches "x/app" but not "x/y/app".
func MatchGlob(pattern, name string) bool {
	if pattern == "" {
		return true
	}
	return matchSegments(strings.Split(pattern, "/"), strings.Split(name, "/"))
}

func matchSegments(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			// Collapse runs of ** and try every split point.
			for len(pat) > 0 && pat[0] == "**" {
				pat = pat[1:]
			}
			if len(pat) == 0 {
				return true
			}
			for i := 0; i <= len(name); i++ {
				if matchSegments(pat, name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, err := path.Match(pat[0], name[0]); err != nil || !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}

// CheckGlob returns "" when pattern is a valid glob, else the rule broken.
func CheckGlob(pattern string) string {
	if len(pattern) > 512 {
		return "glob longer than 512 characters"
	}
	for _, seg := range strings.Split(pattern, "/") {
		if seg == "**" {
			continue
		}
		if strings.Contains(seg, "**") {
			return "'**' must be a whole path segment, as in team/**/app"
		}
		if _, err := path.Match(seg, ""); err != nil {
			return "invalid glob segment " + seg + ": " + err.Error()
		}
	}
	return ""
}

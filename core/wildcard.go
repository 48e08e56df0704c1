package core

import "strings"

// Wildcard is a job source that names every repository under a path of a
// registry: reg.example.com/team/** (Prefix "team") or reg.example.com/**
// (the whole registry, Prefix "").
type Wildcard struct {
	Registry string // host[:port], always named
	Prefix   string // a repository path, or "" for the whole registry
}

// IsWildcard reports whether a job source ends in /** and so names many
// repositories rather than one.
func IsWildcard(source string) bool { return strings.HasSuffix(source, "/**") }

// ParseWildcard parses host[/path]/**. The host must be written out (a
// wildcard never defaults to Docker Hub), the path is a plain repository
// path without globs, and Docker Hub, which cannot be listed whole, needs
// a namespace. On failure it returns the rule broken.
func ParseWildcard(s string) (Wildcard, string) {
	rest, ok := strings.CutSuffix(s, "/**")
	if !ok {
		return Wildcard{}, "a source naming many repositories ends in /**"
	}
	host, prefix, slash := strings.Cut(rest, "/")
	switch {
	case strings.ContainsAny(rest, "*?[]"):
		return Wildcard{}, "only a trailing /** may stand for many repositories (reg.example.com/team/**)"
	case !looksLikeHost(host):
		return Wildcard{}, "name the registry host before /** (reg.example.com/team/**)"
	}
	if reason := checkHost(host); reason != "" {
		return Wildcard{}, reason
	}
	if slash { // host//** names no path
		if reason := checkPath(prefix); reason != "" {
			return Wildcard{}, reason
		}
	}
	if (host == DockerHub || host == "index.docker.io" || host == "registry-1.docker.io") && prefix == "" {
		return Wildcard{}, "Docker Hub cannot be listed whole: name a namespace (docker.io/library/**)"
	}
	return Wildcard{Registry: host, Prefix: prefix}, ""
}

// Holds reports whether the repository path lies under the wildcard.
func (w Wildcard) Holds(path string) bool { return UnderPrefix(w.Prefix, path) }

// String is the wildcard as written in a job.
func (w Wildcard) String() string {
	if w.Prefix == "" {
		return w.Registry + "/**"
	}
	return w.Registry + "/" + w.Prefix + "/**"
}

// excluded reports whether the repository host/path matches one of the
// globs: each is matched against the path on the host (team/legacy/**)
// and against the whole name (reg.example.com/team/legacy/**).
func excluded(globs []string, host, path string) bool {
	for _, g := range globs {
		if MatchGlob(g, path) || MatchGlob(g, host+"/"+path) {
			return true
		}
	}
	return false
}

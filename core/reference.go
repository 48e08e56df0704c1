package core

import "strings"

// DockerHub is the registry a reference without a host names.
const DockerHub = "docker.io"

// Reference is a parsed OCI image reference: registry/repository[:tag][@digest].
type Reference struct {
	Registry   string // host[:port]; DockerHub when the reference named none
	Repository string // slash-separated path, without the registry
	Tag        string
	Digest     string
}

const (
	ruleTag    = "tag must match [A-Za-z0-9_][A-Za-z0-9._-]{0,127}"
	ruleDigest = "digest must be sha256:<64 lowercase hex> (or sha512:<128 hex>)"
	rulePath   = "each path component must be lowercase letters and digits, separated by '.', '_', '__' or '-'"
)

// ParseReference parses s as host[:port]/path[:tag][@digest]. A reference
// without a host names Docker Hub ("nginx" is docker.io/library/nginx). On
// failure it returns the rule that was broken, fit to show a user.
func ParseReference(s string) (Reference, string) {
	var r Reference
	if s == "" {
		return r, "required"
	}
	if len(s) > 4096 {
		return r, "reference longer than 4096 characters"
	}
	rest := s
	if i := strings.IndexByte(rest, '@'); i >= 0 {
		rest, r.Digest = rest[:i], rest[i+1:]
		if !isDigest(r.Digest) {
			return r, ruleDigest
		}
	}
	if i := strings.LastIndexByte(rest, ':'); i > strings.LastIndexByte(rest, '/') {
		rest, r.Tag = rest[:i], rest[i+1:]
		if !isTag(r.Tag) {
			return r, ruleTag
		}
	}
	host, path, ok := strings.Cut(rest, "/")
	if !ok || !looksLikeHost(host) {
		host, path = DockerHub, rest
	}
	if reason := checkHost(host); reason != "" {
		return r, reason
	}
	if host == DockerHub && !strings.Contains(path, "/") {
		path = "library/" + path
	}
	if reason := checkPath(path); reason != "" {
		return r, reason
	}
	if len(host)+1+len(path) > 255 {
		return r, "name (registry and repository) longer than 255 characters"
	}
	r.Registry, r.Repository = host, path
	return r, ""
}

// looksLikeHost reports whether the first component of a name is a registry
// host, by Docker's rule: it has a dot or a port, or is localhost, or has an
// upper-case letter (which a path never has).
func looksLikeHost(s string) bool {
	return strings.ContainsAny(s, ".:[") || s == "localhost" || strings.ToLower(s) != s
}

func checkHost(host string) string {
	name, port := host, ""
	if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.HasSuffix(host, "]") {
		name, port = host[:i], host[i+1:]
		if !isPort(port) {
			return "registry port must be 1-5 digits"
		}
	}
	if isIPv6Host(name) {
		return ""
	}
	for rest := name; ; {
		c, tail, more := strings.Cut(rest, ".")
		if !isHostComponent(c) {
			return "registry host must be dot-separated letters, digits and inner '-'"
		}
		if !more {
			return ""
		}
		rest = tail
	}
}

func checkPath(path string) string {
	if path == "" {
		return "repository path is required"
	}
	for rest := path; ; {
		c, tail, more := strings.Cut(rest, "/")
		if !isPathComponent(c) {
			return rulePath
		}
		if !more {
			return ""
		}
		rest = tail
	}
}

// Name is registry/repository.
func (r Reference) Name() string { return r.Registry + "/" + r.Repository }

// String is the reference in its canonical form.
func (r Reference) String() string {
	s := r.Name()
	if r.Tag != "" {
		s += ":" + r.Tag
	}
	if r.Digest != "" {
		s += "@" + r.Digest
	}
	return s
}

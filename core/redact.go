package core

import (
	"regexp"
	"strings"
)

// Redacted stands for a value taken out of a message.
const Redacted = "REDACTED"

// urlInText is a URL in a message: up to a space, a quote, an angle
// bracket or a backslash (a JSON escape: the URL then ends before it).
var urlInText = regexp.MustCompile(`[a-zA-Z][a-zA-Z0-9+.-]*://[^\s"'<>\\` + "`" + `]+`)

// apiParams are the distribution API's own query parameters, which carry
// nothing secret and help to read a message.
var apiParams = map[string]bool{"scope": true, "service": true, "mount": true, "from": true,
	"digest": true, "n": true, "last": true}

// RedactURLs returns msg with query values of the URLs in it replaced by
// REDACTED: every value of an upload URL (a path with /blobs/uploads/,
// whose _state is the upload session's signed state, a capability to
// write into it), and elsewhere every value but the distribution API's own
// parameters (scope, service, mount, from, digest, n, last), for a
// redirect's query often carries a signature or a token. Errors and
// messages that may hold URLs pass through it before anyone sees them:
// task errors, logs, the CLI's lines.
func RedactURLs(msg string) string {
	if !strings.Contains(msg, "://") || !strings.ContainsAny(msg, "?") {
		return msg
	}
	return urlInText.ReplaceAllStringFunc(msg, redactURL)
}

func redactURL(u string) string {
	base, query, ok := strings.Cut(u, "?")
	if !ok {
		return u
	}
	query, frag, hasFrag := strings.Cut(query, "#")
	upload := strings.Contains(base, "/blobs/uploads/")
	pairs := strings.Split(query, "&")
	for i, p := range pairs {
		k, _, hasValue := strings.Cut(p, "=")
		if hasValue && (upload || !apiParams[k]) {
			pairs[i] = k + "=" + Redacted
		}
	}
	out := base + "?" + strings.Join(pairs, "&")
	if hasFrag {
		out += "#" + frag
	}
	return out
}

package callpath

import (
	"net/url"
	"strings"
)

// Redacted stands where a secret was.
const Redacted = "[redacted]"

// Redact removes each secret (of 4 characters or more) from a message that
// came from a provider or an SDK, in every encoding request signing
// produces (as is, query-escaped, percent-encoded once and twice), and
// withholds the string to sign that signature errors echo (it holds the
// security token).
func Redact(msg string, secrets ...string) string {
	if i := strings.Index(strings.ToLower(msg), "string to sign"); i >= 0 {
		msg = msg[:i] + "string to sign withheld"
	}
	for _, s := range secrets {
		if len(s) < 4 {
			continue
		}
		once := percentEncode(s)
		for _, form := range []string{percentEncode(once), once, url.QueryEscape(s), s} {
			msg = strings.ReplaceAll(msg, form, Redacted)
		}
	}
	return msg
}

// percentEncode is RFC 3986 encoding as signers use it.
func percentEncode(s string) string {
	e := url.QueryEscape(s)
	e = strings.ReplaceAll(e, "+", "%20")
	e = strings.ReplaceAll(e, "*", "%2A")
	return strings.ReplaceAll(e, "%7E", "~")
}

// Truncate cuts a provider's message to 512 bytes.
func Truncate(s string) string {
	const limit = 512
	if len(s) > limit {
		return s[:limit] + "…"
	}
	return s
}

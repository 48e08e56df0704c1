package registry

import (
	"fmt"
	"strings"

	"github.com/imagesync/imagesync/core"
)

// RealmError is a registry's token realm, or a token server's redirect,
// that the engine refuses to follow: it would send the registry's
// credentials, or fetch a token, where the engine must not go. It names
// the host (or the scheme) and the rule; it is core.ErrForbidden.
type RealmError struct {
	Host string // the realm's host, or its scheme when the scheme is what is refused
	Rule string
	Err  error // go-containerregistry's refusal
}

func (e *RealmError) Error() string {
	return fmt.Sprintf("token server %s refused: %s (%v)", e.Host, e.Rule, e.Err)
}

func (e *RealmError) Unwrap() []error { return []error{e.Err, core.ErrForbidden} }

// The rules go-containerregistry applies to a realm (validateRealmURL) and
// to each redirect of the token request, said the way an operator acts on
// them.
const (
	ruleRealmAddress = "a token server must be on the registry's own host:port or on a public address, " +
		"not a private, loopback or link-local one"
	ruleRealmScheme = "a token server is reached over https (http only for a registry served over plain HTTP)"
)

// realmRefusal recognises go-containerregistry's refusal of a realm or of
// a token redirect, which it returns as plain text errors: by their
// wording (pinned by TestRegistryErrorsNeverInternal). A challenge without
// a realm, or one that does not parse, is the registry's fault:
// core.ErrUnavailable. Any other error gives nil.
func realmRefusal(err error) error {
	msg := err.Error()
	if !strings.Contains(msg, "invalid realm in www-authenticate") && !strings.Contains(msg, "refusing token-server redirect") &&
		!strings.Contains(msg, "malformed www-authenticate") {
		return nil
	}
	if host, ok := quotedAfter(msg, `realm host "`); ok {
		return &RealmError{Host: host, Rule: ruleRealmAddress, Err: err}
	}
	if scheme, ok := quotedAfter(msg, `realm scheme "`); ok {
		return &RealmError{Host: scheme + "://", Rule: ruleRealmScheme, Err: err}
	}
	return fmt.Errorf("the registry's authentication challenge cannot be used: %w: %w", core.ErrUnavailable, err)
}

// quotedAfter returns what follows prefix in msg up to the next quote.
func quotedAfter(msg, prefix string) (string, bool) {
	_, rest, ok := strings.Cut(msg, prefix)
	if !ok {
		return "", false
	}
	v, _, ok := strings.Cut(rest, `"`)
	return v, ok && v != ""
}

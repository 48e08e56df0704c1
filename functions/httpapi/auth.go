package httpapi

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"
	"time"

	"github.com/imagesync/imagesync/core"
)

// Security is how the handler authenticates and bounds calls. The zero
// value refuses every /v1 call: configure signers or tokens, or set Mode
// to "none" when the platform authenticates (or on loopback).
type Security struct {
	Mode     string             // "none" turns authentication off
	Window   time.Duration      // signature clock skew accepted either way (default 60s)
	Signers  []Signer           // HMAC request signatures
	Tokens   []Token            // bearer tokens
	Webhooks map[string]Webhook // per push format: how POST /v1/events senders prove their origin
	Limits   Limits
	Now      func() time.Time // default time.Now
}

// Signer is a principal that signs requests with any of its secrets.
type Signer struct {
	Principal core.Principal
	Secrets   [][]byte
}

// Token is a principal that sends Authorization: Bearer <token>; only the
// token's SHA-256 is kept.
type Token struct {
	Principal core.Principal
	SHA256    [sha256.Size]byte
}

// WithSecurity sets authentication, webhook verification and limits
// (default: the zero Security, which refuses every /v1 call).
func WithSecurity(s Security) Option { return func(h *Handler) { h.sec = s } }

var anonymous = core.Principal{Name: "anonymous"}

// claim is what a request's headers prove, decided before its body is
// read: a principal, or a signature or webhook header that confirm checks
// against the body.
type claim struct {
	principal core.Principal
	sig       *Signature // a signed request: its MAC must match the body
	hooks     []string   // webhook formats whose header matched: the body's format must be one
}

// admit decides from the headers alone whether r may send its body: a
// caller with no credential, a wrong token, a malformed or stale signature
// or a webhook header matching no secret is refused before a byte of the
// body is read. The error is an ErrUnauthorized that never repeats a
// credential.
func (h *Handler) admit(r *http.Request) (claim, error) {
	if h.sec.Mode == "none" {
		return claim{principal: anonymous}, nil
	}
	if len(h.sec.Signers)+len(h.sec.Tokens)+len(h.sec.Webhooks) == 0 {
		return claim{}, core.Errorf(core.ErrUnauthorized, "no API credentials are configured: "+
			"configure auth.signing or auth.tokens, or set auth.mode: none where the platform authenticates callers")
	}
	if v := r.Header.Get(SignatureHeader); v != "" {
		sig, err := h.checkSignatureHeader(v)
		return claim{sig: sig}, err
	}
	if token, ok := bearer(r.Header.Get("Authorization")); ok {
		if p, ok := h.checkToken(token); ok {
			return claim{principal: p}, nil
		}
	}
	if hooks, reason := h.webhookHeaders(r); len(hooks) > 0 || reason != "" {
		if len(hooks) == 0 {
			return claim{}, core.Errorf(core.ErrUnauthorized, "%s", reason)
		}
		return claim{hooks: hooks}, nil
	}
	if r.Header.Get("Authorization") != "" {
		return claim{}, core.Errorf(core.ErrUnauthorized, "the bearer token is not one of auth.tokens")
	}
	return claim{}, core.Errorf(core.ErrUnauthorized, "authentication required: sign the request (%s) or send Authorization: Bearer <token>", SignatureHeader)
}

// confirm checks what the headers claimed against the body: a signature's
// MAC (and that it was not used before), a webhook's format.
func (h *Handler) confirm(c claim, r *http.Request, body []byte) (core.Principal, error) {
	switch {
	case c.sig != nil:
		return h.checkSignature(*c.sig, body)
	case len(c.hooks) > 0:
		return h.checkWebhookFormat(c.hooks, r, body)
	}
	return c.principal, nil
}

// checkSignatureHeader parses a signature and checks its time.
func (h *Handler) checkSignatureHeader(v string) (*Signature, error) {
	sig, reason := ParseSignature(v)
	if reason != "" {
		return nil, core.Errorf(core.ErrUnauthorized, "%s", reason)
	}
	if d := h.now().Sub(time.Unix(sig.Time, 0)); d > h.window() || d < -h.window() {
		return nil, core.Errorf(core.ErrUnauthorized, "signature timestamp is outside the %s window: check the clock", h.window())
	}
	return &sig, nil
}

func (h *Handler) checkSignature(sig Signature, body []byte) (core.Principal, error) {
	for _, s := range h.sec.Signers {
		for _, secret := range s.Secrets {
			if m := sig.Match(secret, body); m != nil {
				if !h.replays.fresh(m, h.now(), time.Unix(sig.Time, 0).Add(h.window())) {
					return core.Principal{}, core.Errorf(core.ErrUnauthorized, "this signature was used already: sign each request anew")
				}
				return s.Principal, nil
			}
		}
	}
	return core.Principal{}, core.Errorf(core.ErrUnauthorized, "signature does not match the body under any configured secret")
}

func (h *Handler) window() time.Duration {
	if h.sec.Window <= 0 {
		return 60 * time.Second
	}
	return h.sec.Window
}

// bearer extracts the token of an Authorization: Bearer header.
func bearer(v string) (string, bool) {
	scheme, token, ok := strings.Cut(v, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || len(token) > 4096 {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

// checkToken compares the token's hash with every configured hash, in
// constant time, without stopping at a match.
func (h *Handler) checkToken(token string) (core.Principal, bool) {
	sum := sha256.Sum256([]byte(token))
	var found core.Principal
	ok := false
	for _, t := range h.sec.Tokens {
		if subtle.ConstantTimeCompare(sum[:], t.SHA256[:]) == 1 {
			found, ok = t.Principal, true
		}
	}
	return found, ok
}

func (h *Handler) now() time.Time {
	if h.sec.Now != nil {
		return h.sec.Now()
	}
	return time.Now()
}

package httpapi

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"io"
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
	Window   time.Duration      // signature clock skew accepted either way (default 300s)
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

// authenticate names the caller of r, reading and restoring the body that
// signatures and webhooks cover. The error is an ErrUnauthorized (or a
// body too large) that never repeats a credential.
func (h *Handler) authenticate(w http.ResponseWriter, r *http.Request) (core.Principal, error) {
	limit := int64(MaxBody)
	if r.URL.Path == "/v1/events" {
		limit = MaxEventBody
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	if err != nil {
		return core.Principal{}, bodyError(err)
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if h.sec.Mode == "none" {
		return anonymous, nil
	}
	if len(h.sec.Signers)+len(h.sec.Tokens)+len(h.sec.Webhooks) == 0 {
		return core.Principal{}, core.Errorf(core.ErrUnauthorized, "no API credentials are configured: "+
			"configure auth.signing or auth.tokens, or set auth.mode: none where the platform authenticates callers")
	}
	if v := r.Header.Get(SignatureHeader); v != "" {
		return h.checkSignature(v, body)
	}
	if token, ok := bearer(r.Header.Get("Authorization")); ok {
		if p, ok := h.checkToken(token); ok {
			return p, nil
		}
	}
	if p, ok, reason := h.checkWebhook(r, body); ok || reason != "" {
		if !ok {
			return core.Principal{}, core.Errorf(core.ErrUnauthorized, "%s", reason)
		}
		return p, nil
	}
	if r.Header.Get("Authorization") != "" {
		return core.Principal{}, core.Errorf(core.ErrUnauthorized, "the bearer token is not one of auth.tokens")
	}
	return core.Principal{}, core.Errorf(core.ErrUnauthorized, "authentication required: sign the request (%s) or send Authorization: Bearer <token>", SignatureHeader)
}

func (h *Handler) checkSignature(v string, body []byte) (core.Principal, error) {
	sig, reason := ParseSignature(v)
	if reason != "" {
		return core.Principal{}, core.Errorf(core.ErrUnauthorized, "%s", reason)
	}
	now, window := h.now(), h.sec.Window
	if window <= 0 {
		window = 300 * time.Second
	}
	if d := now.Sub(time.Unix(sig.Time, 0)); d > window || d < -window {
		return core.Principal{}, core.Errorf(core.ErrUnauthorized, "signature timestamp is outside the %s window: check the clock", window)
	}
	for _, s := range h.sec.Signers {
		for _, secret := range s.Secrets {
			if m := sig.Match(secret, body); m != nil {
				if !h.replays.fresh(m, now, time.Unix(sig.Time, 0).Add(window)) {
					return core.Principal{}, core.Errorf(core.ErrUnauthorized, "this signature was used already: sign each request anew")
				}
				return s.Principal, nil
			}
		}
	}
	return core.Principal{}, core.Errorf(core.ErrUnauthorized, "signature does not match the body under any configured secret")
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

package httpapi

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/events"
)

// Webhook verifies the pushes one registry format delivers to POST
// /v1/events: Header (default Authorization) must hold one of Secrets
// exactly. Distribution sends it from notifications.endpoints[].headers;
// Harbor and SWR EE send a policy's auth_header as Authorization.
type Webhook struct {
	Header  string
	Secrets [][]byte
}

// checkWebhook authenticates a push delivered to /v1/events by the
// webhook configured for its format (the format the decoder will use). ok
// is false with an empty reason when no webhook applies.
func (h *Handler) checkWebhook(r *http.Request, body []byte) (p core.Principal, ok bool, reason string) {
	if r.URL.Path != "/v1/events" || r.Method != http.MethodPost {
		return p, false, ""
	}
	format := r.Header.Get("X-Imagesync-Format")
	if format == "" {
		format = events.Detect(body, lowerHeaders(r.Header))
	}
	hook, found := h.sec.Webhooks[format]
	if !found {
		return p, false, ""
	}
	name := hook.Header
	if name == "" {
		name = "Authorization"
	}
	got := r.Header.Get(name)
	if got == "" {
		return p, false, ""
	}
	sum := sha256.Sum256([]byte(got))
	for _, s := range hook.Secrets {
		want := sha256.Sum256(s)
		if subtle.ConstantTimeCompare(sum[:], want[:]) == 1 {
			ok = true
		}
	}
	if !ok {
		return p, false, "the " + name + " header does not match webhooks." + format
	}
	return core.Principal{Name: "webhook:" + format}, true, ""
}

// lowerHeaders flattens headers to lower-case names, as event decoders take
// them.
func lowerHeaders(hs http.Header) map[string]string {
	out := make(map[string]string, len(hs))
	for k, v := range hs {
		out[strings.ToLower(k)] = strings.Join(v, ",")
	}
	return out
}

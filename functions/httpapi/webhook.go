package httpapi

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"slices"
	"sort"
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

// webhookHeaders finds, from the headers alone, the webhook formats whose
// secret the request's header holds, for a push delivered to /v1/events
// (the format X-Imagesync-Format forces, else every configured one). No
// format and an empty reason: no webhook applies; a reason: a webhook
// header is there but holds none of its secrets.
func (h *Handler) webhookHeaders(r *http.Request) (formats []string, reason string) {
	if r.URL.Path != "/v1/events" || r.Method != http.MethodPost {
		return nil, ""
	}
	forced := r.Header.Get("X-Imagesync-Format")
	var tried []string
	for _, format := range sortedFormats(h.sec.Webhooks) {
		hook := h.sec.Webhooks[format]
		got := r.Header.Get(hook.header())
		if forced != "" && format != forced || got == "" {
			continue
		}
		tried = append(tried, format)
		if hook.holds(got) {
			formats = append(formats, format)
		}
	}
	if len(formats) == 0 && len(tried) > 0 {
		return nil, "the " + h.sec.Webhooks[tried[0]].header() + " header does not match webhooks." + strings.Join(tried, " or webhooks.")
	}
	return formats, ""
}

// checkWebhookFormat authenticates a push whose header matched the
// webhooks of formats: the body must be of one of them (as the decoder
// will read it), so a secret of one registry cannot carry another's
// payload.
func (h *Handler) checkWebhookFormat(formats []string, r *http.Request, body []byte) (core.Principal, error) {
	format := r.Header.Get("X-Imagesync-Format")
	if format == "" {
		format = events.Detect(body, lowerHeaders(r.Header))
	}
	if !slices.Contains(formats, format) {
		return core.Principal{}, core.Errorf(core.ErrUnauthorized, "the body is a %s payload: its webhook header does not match webhooks.%s", format, format)
	}
	return core.Principal{Name: "webhook:" + format}, nil
}

func (w Webhook) header() string {
	if w.Header == "" {
		return "Authorization"
	}
	return w.Header
}

// holds compares got with every secret, in constant time, over hashes.
func (w Webhook) holds(got string) bool {
	sum := sha256.Sum256([]byte(got))
	ok := false
	for _, s := range w.Secrets {
		want := sha256.Sum256(s)
		if subtle.ConstantTimeCompare(sum[:], want[:]) == 1 {
			ok = true
		}
	}
	return ok
}

func sortedFormats(m map[string]Webhook) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
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

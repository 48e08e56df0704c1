package creds

import (
	"context"
	"net/http"
	"strings"
)

// ctxRT sends every request with ctx: the cloud SDKs take no context.
type ctxRT struct {
	ctx context.Context
	rt  http.RoundTripper
}

func (t ctxRT) RoundTrip(r *http.Request) (*http.Response, error) {
	rt := t.rt
	if rt == nil {
		rt = http.DefaultTransport
	}
	return rt.RoundTrip(r.WithContext(t.ctx))
}

// mask keeps the first 4 characters of an id.
func mask(s string) string {
	if len(s) <= 4 {
		return "****"
	}
	return s[:4] + "****"
}

// redact removes a secret from a message, should an SDK echo it.
func redact(msg, secret string) string {
	if secret == "" {
		return msg
	}
	return strings.ReplaceAll(msg, secret, "****")
}

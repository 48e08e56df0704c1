package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	fcevents "github.com/aliyun/fc-runtime-go-sdk/events"
)

// serveHTTP runs one HTTP trigger event through the HTTP API.
func (h *Handler) serveHTTP(ctx context.Context, e *fcevents.HTTPTriggerEvent) *fcevents.HTTPTriggerResponse {
	req, err := toRequest(ctx, e)
	if err != nil {
		return badRequest(err.Error())
	}
	w := newResponse()
	h.http.ServeHTTP(w, req)
	return w.fc()
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// toRequest turns an HTTP trigger event into an *http.Request bound to the
// invocation's context. FC gives the query as a map (one value a key).
func toRequest(ctx context.Context, e *fcevents.HTTPTriggerEvent) (*http.Request, error) {
	body := []byte(str(e.Body))
	if e.IsBase64Encoded != nil && *e.IsBase64Encoded {
		b, err := base64.StdEncoding.DecodeString(str(e.Body))
		if err != nil {
			return nil, fmt.Errorf("body: isBase64Encoded is true but the body is not base64: %w", err)
		}
		body = b
	}
	u, err := url.ParseRequestURI(str(e.RawPath))
	if err != nil {
		return nil, fmt.Errorf("rawPath %q: %w", str(e.RawPath), err)
	}
	if e.QueryParameters != nil {
		q := url.Values{}
		for k, v := range *e.QueryParameters {
			q.Set(k, v)
		}
		u.RawQuery = q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, str(e.TriggerContext.Http.Method), u.String(), bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("request: %w", err)
	}
	if e.Headers != nil {
		for k, v := range *e.Headers {
			if !credentialHeader(k) {
				req.Header.Set(k, v)
			}
		}
	}
	if req.Header.Get("X-Request-Id") == "" {
		req.Header.Set("X-Request-Id", requestID(ctx))
	}
	if req.Host = req.Header.Get("Host"); req.Host == "" {
		req.Host = str(e.TriggerContext.DomainName)
	}
	req.RemoteAddr = str(e.TriggerContext.Http.SourceIp)
	req.RequestURI = u.RequestURI()
	return req, nil
}

// credentialHeader reports FC's credential headers, which never go further.
func credentialHeader(k string) bool {
	k = strings.ToLower(k)
	return k == "x-fc-access-key-id" || k == "x-fc-access-key-secret" || k == "x-fc-security-token"
}

func badRequest(reason string) *fcevents.HTTPTriggerResponse {
	body := fmt.Sprintf(`{"error":{"kind":"invalid","message":%q}}`+"\n", reason)
	return &fcevents.HTTPTriggerResponse{StatusCode: http.StatusBadRequest,
		Headers: map[string]string{"Content-Type": "application/json"}, Body: body}
}

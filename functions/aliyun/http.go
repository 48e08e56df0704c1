package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	fcevents "github.com/aliyun/fc-runtime-go-sdk/events"
	"github.com/imagesync/imagesync/functions/platform"
)

// serveHTTP runs one HTTP trigger event through the HTTP API. The answer's
// headers hold one value each: repeated headers are joined with commas (the
// API sets no cookies, whose values cannot be joined so).
func serveHTTP(h http.Handler) func(ctx context.Context, payload []byte) any {
	return func(ctx context.Context, payload []byte) any {
		return fcResponse(platform.ServeEvent(ctx, h, payload, "HTTP trigger event", toRequest, false))
	}
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// toRequest reads an HTTP trigger event as a request of the invocation
// whose context ctx is. FC gives the query as a map (one value a key); its
// credential headers are left out.
func toRequest(ctx context.Context, e *fcevents.HTTPTriggerEvent) *platform.Request {
	r := &platform.Request{Method: str(e.TriggerContext.Http.Method), RawPath: str(e.RawPath),
		Body: str(e.Body), Base64: e.IsBase64Encoded != nil && *e.IsBase64Encoded, Headers: map[string]string{},
		Host: str(e.TriggerContext.DomainName), RemoteAddr: str(e.TriggerContext.Http.SourceIp), RequestID: requestID(ctx)}
	if e.QueryParameters != nil {
		q := url.Values{}
		for k, v := range *e.QueryParameters {
			q.Set(k, v)
		}
		query := q.Encode()
		r.RawQuery = &query
	}
	if e.Headers != nil {
		for k, v := range *e.Headers {
			if !credentialHeader(k) {
				r.Headers[k] = v
			}
		}
	}
	return r
}

// credentialHeader reports FC's credential headers, which never go further.
func credentialHeader(k string) bool {
	k = strings.ToLower(k)
	return k == "x-fc-access-key-id" || k == "x-fc-access-key-secret" || k == "x-fc-security-token"
}

// fcResponse is the answer a as FC's HTTP trigger response.
func fcResponse(a *platform.Answer) *fcevents.HTTPTriggerResponse {
	return &fcevents.HTTPTriggerResponse{StatusCode: a.StatusCode, Headers: a.Headers,
		Body: a.Body, IsBase64Encoded: a.IsBase64Encoded}
}

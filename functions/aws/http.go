package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	awsevents "github.com/aws/aws-lambda-go/events"
)

// serveHTTP runs one payload-2.0 HTTP request through the HTTP API and
// returns the answer in the same format.
func (h *Handler) serveHTTP(ctx context.Context, e *awsevents.APIGatewayV2HTTPRequest) *awsevents.LambdaFunctionURLResponse {
	req, err := toRequest(ctx, e)
	if err != nil {
		return badRequest(err.Error())
	}
	w := newResponse()
	h.http.ServeHTTP(w, req)
	return w.lambda()
}

// toRequest turns a Function URL / API Gateway v2 event into an
// *http.Request bound to the invocation's context (and its deadline).
func toRequest(ctx context.Context, e *awsevents.APIGatewayV2HTTPRequest) (*http.Request, error) {
	body := []byte(e.Body)
	if e.IsBase64Encoded {
		b, err := base64.StdEncoding.DecodeString(e.Body)
		if err != nil {
			return nil, fmt.Errorf("body: isBase64Encoded is true but the body is not base64: %w", err)
		}
		body = b
	}
	u, err := url.ParseRequestURI(stripStage(e.RawPath, e.RequestContext.Stage))
	if err != nil {
		return nil, fmt.Errorf("rawPath %q: %w", e.RawPath, err)
	}
	u.RawQuery = e.RawQueryString
	req, err := http.NewRequestWithContext(ctx, e.RequestContext.HTTP.Method, u.String(), bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("request: %w", err)
	}
	for k, v := range e.Headers {
		req.Header.Set(k, v)
	}
	if len(e.Cookies) > 0 {
		req.Header.Set("Cookie", strings.Join(e.Cookies, "; "))
	}
	if req.Header.Get("X-Request-Id") == "" {
		req.Header.Set("X-Request-Id", requestID(ctx))
	}
	req.Host = req.Header.Get("Host")
	if req.Host == "" {
		req.Host = e.RequestContext.DomainName
	}
	req.RemoteAddr = e.RequestContext.HTTP.SourceIP
	req.RequestURI = u.RequestURI()
	return req, nil
}

// stripStage removes a named API Gateway stage from the front of path: the
// API's routes do not know it. Function URLs and the $default stage have none.
func stripStage(path, stage string) string {
	if stage == "" || stage == "$default" {
		return path
	}
	if rest, ok := strings.CutPrefix(path, "/"+stage); ok && (rest == "" || rest[0] == '/') {
		return "/" + strings.TrimPrefix(rest, "/")
	}
	return path
}

func badRequest(reason string) *awsevents.LambdaFunctionURLResponse {
	body := fmt.Sprintf(`{"error":{"kind":"invalid","message":%q}}`+"\n", reason)
	return &awsevents.LambdaFunctionURLResponse{StatusCode: http.StatusBadRequest,
		Headers: map[string]string{"Content-Type": "application/json"}, Body: body}
}

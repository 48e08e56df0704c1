package main

import (
	"context"
	"net/http"
	"strings"

	awsevents "github.com/aws/aws-lambda-go/events"
	"github.com/imagesync/imagesync/functions/platform"
)

// serveHTTP runs one payload-2.0 HTTP request through the HTTP API and
// returns the answer in the same format, Set-Cookie headers as cookies.
func serveHTTP(h http.Handler) func(ctx context.Context, payload []byte) any {
	return func(ctx context.Context, payload []byte) any {
		return lambdaResponse(platform.ServeEvent(ctx, h, payload, "HTTP event", toRequest, true))
	}
}

// toRequest reads a Function URL / API Gateway v2 event as a request of the
// invocation whose context ctx is.
func toRequest(ctx context.Context, e *awsevents.APIGatewayV2HTTPRequest) *platform.Request {
	return &platform.Request{Method: e.RequestContext.HTTP.Method,
		RawPath: stripStage(e.RawPath, e.RequestContext.Stage), RawQuery: &e.RawQueryString,
		Body: e.Body, Base64: e.IsBase64Encoded, Headers: e.Headers, Cookies: e.Cookies,
		Host: e.RequestContext.DomainName, RemoteAddr: e.RequestContext.HTTP.SourceIP, RequestID: requestID(ctx)}
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

// lambdaResponse is the answer a in the Function URL / API Gateway HTTP API
// response format.
func lambdaResponse(a *platform.Answer) *awsevents.LambdaFunctionURLResponse {
	return &awsevents.LambdaFunctionURLResponse{StatusCode: a.StatusCode, Headers: a.Headers,
		Body: a.Body, IsBase64Encoded: a.IsBase64Encoded, Cookies: a.Cookies}
}

// Command bootstrap is imagesync on AWS Lambda (runtime provided.al2023,
// arm64, built with -tags lambda.norpc). One handler takes every invocation
// as raw JSON and dispatches on its shape:
//
//   - a Lambda Function URL or API Gateway HTTP API (payload 2.0) request —
//     recognised by requestContext.http.method — is served by the shared
//     HTTP API (functions/httpapi) and answered in the same payload format;
//   - anything else (EventBridge schedules, ECR "ECR Image Action" pushes,
//     any payload package events can decode) goes to App.Event.
//
// The HTTP trigger of choice is the Function URL: it lets a request run for
// the function's whole timeout (up to 15 minutes), while API Gateway cuts
// every request at about 29 s — less than a large image copy takes. The
// handler still accepts API Gateway v2 requests (the stage prefix is
// stripped from the path) for callers that need API Gateway in front.
//
// Invariants: the App is built once per cold start, never per invocation;
// an event that cannot be decoded is acknowledged (nil error, logged) and
// only transient failures return an error, so that Lambda's asynchronous
// retries redo only what may succeed later. Credentials come from the
// function's role; nothing here reads keys.
package main

// Package gcp is imagesync on Google Cloud Functions (gen2, runtime go125),
// behind the buildpack's rule that the function package is the module root:
// the root package imagesync (function.go) only registers the two functions
// that this package implements, over one App built lazily on first use:
//
//   - "imagesync" (functions.HTTP): the whole HTTP API. Cloud Scheduler
//     calls its POST /v1/ticks route with an OIDC token; Cloud Functions'
//     IAM check (no unauthenticated invocations) verifies that token.
//   - "imagesyncEvents" (functions.CloudEvent): Eventarc's Pub/Sub trigger
//     on the topic gcr, to which Artifact Registry publishes every push; the
//     CloudEvent (google.cloud.pubsub.topic.v1.messagePublished) goes to
//     App.Event in its structured JSON form.
//
// Invariants: the App is built once per instance, on the first request (the
// buildpack's init order gives no other hook, and a failed build is
// retried on the next request rather than crashing the instance); a
// CloudEvent function returns an error only for a transient failure, so
// that Eventarc's retry (when enabled) redoes only what may succeed.
//
// cmd/imagesync-gcp runs the same functions on a laptop with funcframework.
package gcp

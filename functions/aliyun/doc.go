// Command imagesync-fc is imagesync on Alibaba Cloud Function Compute 3.0:
// an event function on the go1 runtime, started with fc.Start (fc.StartHttp
// is FC 2.0 only), built as the binary "main" (the function's handler name)
// for linux/amd64. One handler takes every invocation as raw JSON and
// dispatches on its shape:
//
//   - an HTTP trigger event (fcevents.HTTPTriggerEvent: rawPath and
//     requestContext.http.method) is served by the shared HTTP API and
//     answered as an fcevents.HTTPTriggerResponse;
//   - anything else — the timer trigger (triggerTime, triggerName, payload)
//     and EventBridge events from ACR (source acs.cr, type
//     cr:Artifact:PushCompleted) among them — goes to App.Event.
//
// The invocation's STS credentials, which FC passes with every invocation
// (fccontext.FcContext.Credentials), feed the ACR engine: the engine asks
// for credentials with each call's context, and the provider here reads
// them from it, falling back to the SDK's default chain (the
// ALIBABA_CLOUD_* variables FC also sets) outside an invocation. The
// engine takes the configuration's acr section, the region defaulting to
// the function's (FC_REGION).
//
// Invariants: the App is built once per instance; only transient failures
// return an error (FC then retries asynchronous invocations, per the
// function's async configuration); credentials and the x-fc-* credential
// headers are never logged nor handed to the HTTP API.
package main

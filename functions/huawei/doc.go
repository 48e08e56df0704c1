// Command imagesync-fg is imagesync on Huawei Cloud FunctionGraph. One
// binary, two ways of running, each with its own bootstrap script:
//
//   - "serve" (bootstrap): an HTTP function. FunctionGraph starts the
//     bootstrap, which runs the binary listening on port 8000, and forwards
//     the requests of its APIG triggers to it: the whole HTTP API, including
//     POST /v1/events for SWR Enterprise Edition webhooks (Harbor-style
//     PUSH_ARTIFACT) and POST /v1/ticks. HTTP functions take APIG triggers
//     only.
//   - "events" (bootstrap-events): an event function on the custom runtime
//     (Runtime "Custom"), for the triggers an HTTP function cannot have —
//     timers, and the CTS trigger that reports SWR basic-edition pushes
//     (whose own "triggers" only update CCE/CCI workloads). The binary polls
//     FunctionGraph's public runtime API (RUNTIME_API_ADDR:
//     GET /v1/runtime/invocation/request, POST .../response/{id} and
//     .../error/{id}) and hands each event to App.Event. No SDK is needed.
//
// Invariants: the App is built once per instance; an event that cannot be
// decoded is acknowledged (logged), only transient failures are reported
// as errors; the X-CFF-* credential headers of an invocation are never
// logged nor passed on. The SWR engine takes static credentials
// (HUAWEICLOUD_SDK_AK/SK from the function's encrypted environment), not
// the per-invocation agency credentials.
package main

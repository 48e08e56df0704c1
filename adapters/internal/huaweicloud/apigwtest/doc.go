// Package apigwtest is what Huawei Cloud's API gateway does in front of
// every service, for the emulators swrtest and hsstest: the SDK-HMAC-SHA256
// signature recomputed from the secret key (VerifySignature, X-Sdk-Date
// within 15 minutes), the gateway's refusals (404 APIGW.0101 for an unknown
// API, 401 APIGW.0301 for a bad signature, 403 APIGW.0302 for a wrong
// project), JSON answers with an X-Request-Id, and a queue of injected
// failures (Failures).
//
// Invariants:
//   - Failures is not safe for concurrent use: an emulator guards it with
//     its own lock. Writer and VerifySignature are.
//   - Every answer is application/json with a fresh X-Request-Id
//     <prefix>-NNNNNN, numbered per Writer.
//   - A queued failure serves the next Times calls of its Op (every op when
//     Op is empty), first queued first served.
package apigwtest

// Package alibaba is imagesync's one path to Alibaba Cloud's RPC APIs (cr
// 2018-12-01, ACR EE), used by the acr engine and the ACR EE logins and
// listings of adapters/registry/creds: one SDK client per call, its own
// retries off (adapters/internal/retry is the one retry layer), bound to the
// caller's context, and one mapping of Alibaba's error codes onto core's
// kinds, with the keys redacted from whatever the API echoes.
package alibaba

// Package huaweicloud is what the Huawei Cloud engines (adapters/swr,
// adapters/hss) share over huaweicloud-sdk-go-v3: credentials, error
// bodies and their mapping to core's kinds, full-jitter retry, and the SDK
// client built for each call. The engines keep what is theirs: config,
// endpoints, project ids, requests and their meaning. Package apigwtest
// below is the emulators' side: the API gateway in front of every service.
//
// Invariants:
//   - Credentials come from the engine's WithCredentialsProvider, asked at
//     each call (a credential chain, the invocation's keys), else its
//     WithCredentials, else the environment (CLOUD_SDK_AK/CLOUD_SDK_SK, else
//     HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK, plus
//     HUAWEICLOUD_SDK_SECURITY_TOKEN). They print redacted with every
//     fmt verb (the access key id masked after four characters) and the
//     secret key and token are cut out of every error message; they are
//     never logged.
//   - The SDK client is built per call with endpoints only, never
//     WithRegion (that would ask IAM for a project id over the network);
//     the project id is always given by the engine. Its transport is the
//     engine's, with every request bound to the caller's context and the
//     configured per-call timeout. The SDK's own retries are off.
//   - Error bodies {"error_code","error_msg"}, {"code","message"},
//     {"errorCode","errorMessage"}, those nested one level, and JSON arrays
//     of them are read (at most 64 KiB; anything else is kept as text cut
//     at 300 bytes). HTTP 400 and other 4xx→ErrInvalid, 401→ErrUnauthorized,
//     403→ErrForbidden, 404→ErrNotFound (with the engine's NotFound words),
//     409→ErrConflict, 429→ErrThrottled, 5xx→ErrUnavailable, as
//     *core.ProviderError with code, message, X-Request-Id and Retry-After;
//     a body the SDK could not read is ErrUnavailable unless its status says
//     more, and transport failures are ErrUnavailable.
//   - Retry is the only retry layer: throttled and unavailable errors only,
//     full-jitter exponential backoff (or Retry-After when longer), at most
//     the configured attempts, and never a wait that would pass the
//     context's deadline.
//   - Calls log at debug level and retries at info, under the engine's
//     name, with the operation, region, duration and redacted error.
package huaweicloud

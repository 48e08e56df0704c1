// Package swr is the "swr" engine: Huawei Cloud SWR's own image sync
// between regions, driven through huaweicloud-sdk-go-v3 (services/swr/v2).
//
// One-off syncs use CreateManualImageSyncRepo (POST …/sync_images) and are
// followed through ShowSyncJob (GET …/sync_job, filter
// limit::N|offset::M|order::desc). Recurring syncs are SWR automatic syncs:
// CreateImageSyncRepo with syncAuto, ListImageAutoSyncReposDetails and
// DeleteImageSyncRepo, offered as core.AutoSyncer. ListSyncRegions, cached,
// refuses an unknown target region before any sync call. Prepare
// (CreateRepo, and CreateNamespace when the organization is missing) lets
// the registry engine push into a repository that does not exist yet.
// Credentials,
// error mapping, retry and the SDK client are adapters/internal/huaweicloud's,
// shared with the hss engine.
//
// Invariants:
//   - SWR syncs a tag into the same repository name and tag in the target
//     namespace; a request that renames either is refused (ErrInvalid on
//     target.repository or target.tag).
//   - A repository's '/' is sent as '$' in request paths.
//   - Before creating a job, a waiting or running job of the same tag and
//     target is looked for and returned instead.
//   - Task ids are
//     swr:<region>:<namespace>:<repository with '/' as '$'>:<tag>:<target region>:<target namespace>:<created unix>:<job id>
//     (job id 0 when SWR did not list the job yet; the job of that tag and
//     target created nearest the time is then meant).
//   - Job statuses map waiting→PENDING, running→SYNCING, success→SUCCESS,
//     existed→SUCCESS with Skipped, failed and timeout→FAILED,
//     cancel→CANCELED; the SWR word is kept in ProviderStatus.
//   - HTTP 400→ErrInvalid, 401→ErrUnauthorized, 403→ErrForbidden,
//     404→ErrNotFound, 409→ErrConflict, 429→ErrThrottled, 5xx→ErrUnavailable,
//     as *core.ProviderError with error_code, error_msg and X-Request-Id;
//     JSON-array error bodies are read too.
//   - The SDK never picks the endpoint from its region (that would ask IAM
//     for a project id over the network): endpoints are set explicitly, the
//     project id comes from Config or HUAWEICLOUD_SDK_PROJECT_ID.
//   - Every call is bound to the caller's context and the configured
//     timeout; the SDK's retries stay off and 429/5xx are retried here with
//     full-jitter backoff inside the context deadline.
//   - Credentials come from huawei.WithCredentials or the environment
//     (CLOUD_SDK_AK/CLOUD_SDK_SK, else HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK,
//     HUAWEICLOUD_SDK_SECURITY_TOKEN) and are never logged or returned.
package swr

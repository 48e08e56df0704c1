// Package acr is the imagesync engine for Alibaba Cloud Container Registry
// Enterprise Edition (API cr 2018-12-01). It asks ACR to copy an image
// itself — to another instance, region or account — so that the bytes stay
// inside Alibaba's network. It implements core.Engine (CreateRepoSyncTask),
// core.TaskReader (ListRepoSyncTask, GetRepoSyncTask) and core.AutoSyncer
// (Create/List/DeleteRepoSyncRule), and RunRule (CreateRepoSyncTaskByRule).
//
// Every call goes through the SDK's generic RPC request
// (requests.NewCommonRequest: POST, product cr, version 2018-12-01, signed
// with HMAC-SHA1) because the SDK's typed cr_ee package lacks
// CreateRepoSyncTask and several documented filters and fields.
//
// # Configuration
//
// Build the engine once per process with New(Config, ...Option). Config
// fields (YAML and JSON keys in parentheses):
//
//   - Region (region): the region of task queries that name none. No
//     default; queries without a region then fail as invalid.
//   - Instance (instance): the ACR EE instance (cri-...) of task queries
//     that name none. No default.
//   - Endpoint (endpoint): where requests go. Default
//     https://cr.<region>.aliyuncs.com, the region being that of the
//     instance called. Either a host, which may contain the placeholder
//     {region} ("cr-vpc.{region}.aliyuncs.com"; HTTPS), or a URL with a
//     scheme ("http://127.0.0.1:8080" for the acrtest emulator). When empty,
//     the environment variable IMAGESYNC_ACR_ENDPOINT supplies it.
//   - ConnectTimeout (connectTimeout): dial and TLS handshake timeout of the
//     engine's transport. Default 5s.
//   - ReadTimeout (readTimeout): timeout of one request. Default 10s.
//   - MaxAttempts (maxAttempts): attempts per API call, 1-10. Default 4.
//   - RetryBase, RetryMax (retryBase, retryMax): full-jitter backoff between
//     attempts, uniform in [0, min(RetryMax, RetryBase·2^n)]. Defaults 200ms
//     and 5s.
//
// Options: WithCredentials (default DefaultCredentials: the
// ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / ALIBABA_CLOUD_SECURITY_TOKEN
// environment, then the SDK's chain down to the ECS RAM role; Function
// Compute passes a provider that reads the invocation's STS credentials
// from the context), WithLogger, WithTransport, WithClock.
//
// # Invariants
//
//   - Task ids are "acr:<region>:<instance>:<SyncTaskId>", region and
//     instance being the source's: Task(id) needs nothing else.
//   - TaskStatus maps PENDING (and NEW) to PENDING, SYNCHRONIZING (and
//     SYNCING) to SYNCING, SUCCESS to SUCCESS, ERROR (and FAILED) to FAILED,
//     CANCELED to CANCELED; an unknown word to PENDING. The provider's word
//     stays in ProviderStatus and TaskIssue in Issue.
//   - Sync creates no duplicate: a PENDING or SYNCHRONIZING task of the
//     same source tag and target is returned instead.
//   - A dry run resolves the source repository, creates nothing, and
//     returns a SUCCESS task with DryRun set and ProviderStatus DRY_RUN.
//   - RepoIds are resolved with GetRepository once per process.
//   - One retry layer: the SDK's auto-retry is off; throttled and
//     unavailable answers are retried here with full-jitter backoff,
//     honouring Retry-After and the context's deadline. The SDK takes no
//     context, so each request is bound to the caller's context through
//     the transport, and to ReadTimeout.
//   - Failures are *core.ProviderError with Alibaba's Code, Message and
//     RequestId, of the kind the code means; IsSuccess:false answers with
//     HTTP 200 are failures too. No error and no log line holds the access
//     key secret or the security token.
package acr

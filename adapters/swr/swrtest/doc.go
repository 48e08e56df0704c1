// Package swrtest is an in-memory emulator of the Huawei Cloud SWR v2 image
// sync API for one region, served by net/http/httptest on loopback.
//
// It checks requests the way the cloud does: the SDK-HMAC-SHA256
// signature recomputed from the secret key (VerifySignature), X-Sdk-Date
// within 15 minutes, X-Project-Id when sent, Content-Type, path shapes with
// a repository's '/' sent as '$', strict JSON bodies (unknown fields and
// wrong types refused, required fields present), known target regions, and
// that the namespace and repository exist. It answers with the documented
// shapes: ListSyncRegions, CreateManualImageSyncRepo, ShowSyncJob (filter
// limit::N|offset::M|order::desc, Content-Range), CreateImageSyncRepo,
// ListImageAutoSyncReposDetails and DeleteImageSyncRepo.
//
// Sync jobs advance one step each time ShowSyncJob lists them: waiting,
// running, then success, existed or failed. Fail queues injected answers
// (401, 404, 429, 500 with the JSON-array body SWR sometimes sends, ...).
package swrtest

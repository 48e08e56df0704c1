// Package hss is the "hss" engine: it asks Huawei Cloud Host Security
// Service to refresh its inventory of a registry's images
// (CreateImageSynchronizeTask, POST /v5/{project_id}/image/image-sync/tasks,
// huaweicloud-sdk-go-v3 services/hss/v5), so that HSS scans an image as
// soon as it lands. HSS copies nothing.
//
// It serves two requests:
//   - a target {"engine":"hss","project":…,"region":…,"registries":[{"id","type"}]}
//     or {"engine":"hss","project":…,"all":true};
//   - the after-step ("after":["hss"]): the core calls Sync with the synced
//     target as Source and a bare {"engine":"hss"} Target. The region then
//     comes from an SWR source or Config.Region, the project from Config
//     (or HUAWEICLOUD_SDK_PROJECT_ID), and the registries from
//     Config.RegistriesByHost (the source's registry host), else
//     Config.Registries, else Config.All. With nothing configured Sync
//     fails with ErrInvalid naming target.registries or target.project.
//
// Credentials, error mapping, retry and the SDK client are
// adapters/internal/huaweicloud's, shared with the swr engine.
//
// Invariants:
//   - HSS answers 200 with no task id, so a task is SUCCESS with
//     ProviderStatus "SUBMITTED" once HSS accepted it; the engine is not a
//     core.TaskReader and the core assigns the task id ("hss:<random>").
//   - The "region" header and the project id (path and X-Project-Id) are
//     always sent; the SDK never picks the endpoint from its region table
//     by itself, so it never asks IAM for a project id.
//   - HTTP 400→ErrInvalid, 401→ErrUnauthorized, 403→ErrForbidden,
//     404→ErrNotFound, 429→ErrThrottled, 5xx→ErrUnavailable, as
//     *core.ProviderError with error_code, error_msg and X-Request-Id;
//     JSON-array bodies are read too. 429 and 5xx are retried here with
//     full-jitter backoff inside the context deadline (asking HSS twice to
//     refresh is harmless); the SDK's own retries stay off.
//   - Credentials (huawei.WithCredentials, or CLOUD_SDK_AK/CLOUD_SDK_SK, else
//     HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_SECURITY_TOKEN)
//     are never logged or returned.
package hss

// Package hsstest is an in-memory emulator of Huawei Cloud HSS v5's
// CreateImageSynchronizeTask (POST /v5/{project_id}/image/image-sync/tasks),
// served by net/http/httptest on loopback.
//
// It checks what HSS checks: the SDK-HMAC-SHA256 signature recomputed from
// the secret key (apigwtest.VerifySignature: the same API gateway signs every
// Huawei service), X-Project-Id equal to the path's project, the "region"
// header, a strict JSON body (sync_all_registries present, registry_info
// entries with registry_id and a known registry_type, unknown fields
// refused) and, when configured, that the registries exist. It answers 200
// with no body, as the API page documents. Fail queues injected answers.
package hsstest

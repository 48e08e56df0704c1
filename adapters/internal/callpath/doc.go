// Package callpath holds what every cloud API call of imagesync needs,
// whatever the SDK: a transport that binds the SDK's context-less requests
// to the caller's context, the redaction of secrets from what a provider
// echoes, and the mapping of a provider's error codes and statuses onto
// core's kinds from a per-provider table. The acr engine, the Huawei
// engines (adapters/internal/huaweicloud) and the cloud logins
// (adapters/registry/creds, through adapters/internal/alibaba) use it;
// retries are adapters/internal/retry's.
package callpath

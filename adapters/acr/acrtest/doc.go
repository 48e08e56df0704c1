// Package acrtest is an in-process emulator of the Alibaba Cloud Container
// Registry Enterprise Edition API (product cr, version 2018-12-01) for tests
// and for running imagesync locally against something that behaves like the
// cloud.
//
// It answers the RPC operations the acr engine drives — GetRepository,
// CreateNamespace, CreateRepository, CreateRepoSyncTask, ListRepoSyncTask, GetRepoSyncTask, CreateRepoSyncRule,
// ListRepoSyncRule, DeleteRepoSyncRule, CreateRepoSyncTaskByRule — with state
// (instances, repositories, tasks, rules) and checks requests the way the
// service does:
//
//   - common parameters: Action, Version 2018-12-01, Format JSON, AccessKeyId,
//     SignatureMethod HMAC-SHA1, SignatureVersion 1.0, a fresh SignatureNonce
//     and a Timestamp within 15 minutes;
//   - the signature is recomputed from the registered access key secret over
//     the canonicalized query and form parameters (RPC signature v1) and a
//     mismatch answers 400 SignatureDoesNotMatch, an unknown key 404
//     InvalidAccessKeyId.NotFound, a wrong STS token 400 InvalidSecurityToken;
//   - every parameter an operation requires must be present (400
//     MissingParameter).
//
// Business failures (an unknown repository, rule or task) answer HTTP 200
// with IsSuccess false and a Code, as the real service does. Faults such as
// NoPrivilege, Throttling or SystemError can be injected per action with
// Server.Fail. Tasks advance PENDING → SYNCHRONIZING → SUCCESS each time a
// List or Get call has shown them, unless progress is switched off.
//
// The server holds one access key by default (TestAccessKeyID /
// TestAccessKeySecret); it is safe for concurrent use.
package acrtest

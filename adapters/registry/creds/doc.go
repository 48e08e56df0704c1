// Package creds logs the registry engine into cloud registries with the
// platform's own identity: a token exchange per cloud (Huawei SWR
// CreateSecret, Alibaba ACR EE GetAuthorizationToken, AWS ECR
// GetAuthorizationToken signed with aws-sdk-go-v2's signer and the SDK's
// default credential chain (AWS: LoadDefaultConfig, loaded at the first
// ECR host), Google metadata server access tokens), each behind a Keychain
// that caches the login until shortly before it expires; and the clouds'
// own listings of push times and repositories (ECR, ACR EE, SWR).
//
// Invariants: a Keychain answers only for the hosts it matches (others
// resolve to anonymous, so that a multi-keychain asks the next one);
// logins and the keys that buy them are never logged nor put in errors;
// the SDKs' own retries are off for the calls made here (the engine's
// retry layer is the only one); the AWS chain's credential fetches (STS,
// SSO, IMDS) keep the SDK's.
package creds

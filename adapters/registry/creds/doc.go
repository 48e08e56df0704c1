// Package creds logs the registry engine into cloud registries with the
// platform's own identity: a token exchange per cloud (Huawei SWR
// CreateSecret, Alibaba ACR EE GetAuthorizationToken, AWS ECR
// GetAuthorizationToken, Google OAuth2 access tokens), each behind a
// Keychain that caches the login until shortly before it expires; and the
// clouds' own listings of push times and repositories (ECR, ACR EE, SWR).
// The keys come from each cloud's SDK credential chain, built at the first
// host of that cloud (AWS: LoadDefaultConfig; Alibaba:
// NewDefaultCredentialsProvider; Huawei: BasicCredentialProviderChain;
// Google: FindDefaultCredentials), or from keys given; on FC and
// FunctionGraph the invocation's own keys (core.InvocationCredentials in
// the context) come first.
//
// Invariants: a Keychain answers only for the hosts it matches (others
// resolve to anonymous, so that a multi-keychain asks the next one);
// logins and the keys that buy them are never logged nor put in errors;
// the SDKs' own retries are off for the calls made here: the SWR and
// ACR EE calls go through the engines' call paths
// (adapters/internal/huaweicloud, adapters/internal/alibaba), and they
// and ECR's are tried again under the one retry policy
// (adapters/internal/retry, 3 tries); the chains' own credential fetches (AWS
// STS, SSO and IMDS; Alibaba's; Huawei's metadata server; Google's token
// endpoint and metadata server) keep the SDKs' behaviour.
package creds

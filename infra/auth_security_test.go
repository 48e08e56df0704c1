package infra_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/imagesync/imagesync/infra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" // sha256("test")

func TestLoadSecuritySections(t *testing.T) {
	file := filepath.Join(t.TempDir(), "hmac-old")
	require.NoError(t, os.WriteFile(file, []byte("old-secret-0123456789\n"), 0o600))
	cfg, err := infra.Load(write(t, `
auth:
  window: 2m
  signing:
    - name: ci
      policy: ci
      secrets: [{secretEnv: HMAC_NEW}, {secretFile: `+file+`}]
  tokens: [{name: ops, sha256: `+hash+`}]
webhooks:
  distribution: {secrets: [{secretEnv: HOOK}]}
policy:
  rules:
    ci: {sources: [{registry: "ghcr.io", repository: "acme/**"}], targets: [{registry: "*.example.com"}]}
  triggers: ci
  allowHosts: ["169.254.10.0/24"]
limits: {requestTimeout: 1m, concurrentSyncs: 4, tagsPerJob: 50}
`), env(map[string]string{"HMAC_NEW": "new-secret-0123456789", "HOOK": "Bearer hook-secret"}))
	require.NoError(t, err)
	assert.Equal(t, "new-secret-0123456789", string(cfg.Auth.Signing[0].Secrets[0].Value()))
	assert.Equal(t, "old-secret-0123456789", string(cfg.Auth.Signing[0].Secrets[1].Value()), "the final newline is dropped")
	assert.Equal(t, "ci", cfg.PolicyNamed("ci").Name)
	assert.Nil(t, cfg.PolicyNamed(""))
	assert.Len(t, cfg.Secrets(), 3)
	assert.Equal(t, "1m0s", cfg.Limits.RequestTimeout.String())
}

// TestLoadSecurityProblems: every problem is named by its path, and no
// error repeats a secret.
func TestLoadSecurityProblems(t *testing.T) {
	_, err := infra.Load(write(t, `
auth:
  mode: maybe
  signing:
    - {name: ci, policy: nope, secrets: [{secretEnv: SHORT}, {secretEnv: A, secretFile: /x}, {secretFile: /does/not/exist}]}
    - {name: ci, secrets: []}
  tokens: [{name: ops, sha256: "plaintext-token"}]
webhooks:
  quay: {secrets: [{secretEnv: UNSET}]}
policy:
  rules: {ci: {targets: [{engine: ftp}]}}
  triggers: gone
limits: {concurrentSyncs: -1}
`), env(map[string]string{"SHORT": "tiny-secret"}))
	require.Error(t, err)
	for _, want := range []string{"auth.mode", "auth.signing[0].policy", "auth.signing[0].secrets[0]: env:SHORT must hold a secret of at least 16 bytes",
		"auth.signing[0].secrets[1]: give exactly one", "auth.signing[0].secrets[2].secretFile: cannot be read",
		"auth.signing[1].name: duplicate", "auth.signing[1].secrets: at least one", "auth.tokens[0].sha256",
		"webhooks.quay: must be one of", "webhooks.quay.secrets[0]", "policy.rules.ci.targets[0].engine", "policy.triggers", "limits"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.NotContains(t, err.Error(), "tiny-secret")

	_, err = infra.Load(write(t, "auth:\n  signing: [{name: ci, secrets: [{secret: inline-secret-value}]}]\n"), env(nil))
	require.ErrorContains(t, err, "auth.signing[0].secrets[0].secret: unknown key", "inline secrets are refused")
	assert.NotContains(t, err.Error(), "inline-secret-value")
}

func TestAuthModeAndLoopbackDefault(t *testing.T) {
	cfg, err := infra.Load("", env(map[string]string{"IMAGESYNC_AUTH_MODE": "none"}))
	require.NoError(t, err)
	assert.Equal(t, infra.AuthNone, cfg.Auth.Mode)

	for addr, want := range map[string]bool{"127.0.0.1:8080": true, "[::1]:80": true, "localhost:1": true,
		":8080": false, "0.0.0.0:8080": false, "10.0.0.1:80": false} {
		var c infra.Config
		assert.Equal(t, want, c.LoopbackDefault(addr), addr)
	}
	c := infra.Config{Auth: infra.AuthConfig{Tokens: []infra.TokenConfig{{Name: "x", SHA256: hash}}}}
	assert.False(t, c.LoopbackDefault("127.0.0.1:1"), "a configured auth section is kept")
	assert.True(t, strings.HasPrefix(infra.SecretRef{SecretEnv: "X"}.String(), "env:"))
}

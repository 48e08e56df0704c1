package infra

import (
	"time"

	"github.com/imagesync/imagesync/core"
)

// The security sections of the configuration: who may call the API
// (auth), how registry webhooks prove where they come from (webhooks),
// what callers and triggers may name (policy), and how much one call may
// do (limits). Secrets are never written in the file: each is read from
// an environment variable (secretEnv) or a file (secretFile) at load, and
// is never logged.

// Auth modes.
const (
	AuthRequired = "required" // the default: every /v1 call needs a signature or a token
	AuthNone     = "none"     // no authentication: the platform's own (IAM, APIG) or loopback only
)

// AuthConfig says how API callers authenticate. With no signing key and no
// token and mode not "none", every /v1 call is refused (401).
type AuthConfig struct {
	Mode    string        `json:"mode,omitempty"`    // required (default) or none
	Window  time.Duration `json:"window,omitempty"`  // accepted clock skew of signatures, either way (default 60s): a replay to another instance is possible within it
	Signing []SigningKey  `json:"signing,omitempty"` // HMAC-SHA256 request signatures
	Tokens  []TokenConfig `json:"tokens,omitempty"`  // bearer tokens, stored as their SHA-256
}

// SigningKey is one caller that signs its requests:
// X-Imagesync-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>.
// Several secrets are accepted at once, for rotation.
type SigningKey struct {
	Name    string      `json:"name"`             // the principal: named in logs and refusals
	Policy  string      `json:"policy,omitempty"` // a policy.rules key; none: unrestricted
	Secrets []SecretRef `json:"secrets"`
}

// TokenConfig is one bearer token: Authorization: Bearer <token>. Only the
// token's SHA-256 is stored (printf %s "$TOKEN" | sha256sum).
type TokenConfig struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"` // 64 lowercase hex digits
	Policy string `json:"policy,omitempty"`
}

// SecretRef names where a secret is read from: exactly one of an
// environment variable or a file (its content, without the final newline).
type SecretRef struct {
	SecretEnv  string `json:"secretEnv,omitempty"`
	SecretFile string `json:"secretFile,omitempty"`
	value      []byte
}

// Value is the secret read at load.
func (s SecretRef) Value() []byte { return s.value }

// String names the reference, never the value.
func (s SecretRef) String() string {
	if s.SecretEnv != "" {
		return "env:" + s.SecretEnv
	}
	return "file:" + s.SecretFile
}

// WebhookConfig verifies the pushes one registry format delivers to POST
// /v1/events: the header must hold one of the secrets exactly (for
// distribution, notifications.endpoints[].headers; for Harbor and SWR EE,
// the policy's auth_header, sent as Authorization).
type WebhookConfig struct {
	Header  string      `json:"header,omitempty"` // default Authorization
	Secrets []SecretRef `json:"secrets"`          // the header's whole value, e.g. "Bearer <random>"
}

// PolicyConfig holds the named allowlists and what they apply to.
type PolicyConfig struct {
	Rules      map[string]core.Policy `json:"rules,omitempty"`      // referred to by auth keys and triggers
	Triggers   string                 `json:"triggers,omitempty"`   // the rule bounding push rules and jobs
	AllowHosts []string               `json:"allowHosts,omitempty"` // link-local or metadata hosts allowed as endpoints (globs)
}

// LimitsConfig bounds one request or trigger run. Zero is the default.
type LimitsConfig struct {
	RequestTimeout  time.Duration `json:"requestTimeout,omitempty"`  // deadline of each API request (default 15m); a platform's sooner deadline wins
	ConcurrentSyncs int           `json:"concurrentSyncs,omitempty"` // mutating API calls in flight per process (default 32); more: 429
	TagsPerJob      int           `json:"tagsPerJob,omitempty"`      // copies one job makes per tick (default unlimited)
	BytesPerRun     int64         `json:"bytesPerRun,omitempty"`     // bytes one trigger run copies before it starts no more syncs
}

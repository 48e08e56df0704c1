package acr

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
)

// Credentials are an Alibaba Cloud access key; SecurityToken is set for STS
// keys (RAM roles, Function Compute's per-invocation credentials). Printing
// or logging them never shows the secret or the token.
type Credentials struct {
	AccessKeyID     string
	AccessKeySecret string
	SecurityToken   string
}

// String shows the key id only.
func (c Credentials) String() string {
	return fmt.Sprintf("acr.Credentials{AccessKeyID: %q, AccessKeySecret: [redacted], SecurityToken: [redacted]}", c.AccessKeyID)
}

// GoString is String, so that %#v does not print the secret either.
func (c Credentials) GoString() string { return c.String() }

// LogValue keeps the secret out of slog output.
func (c Credentials) LogValue() slog.Value { return slog.StringValue(c.String()) }

// CredentialsProvider returns the credentials for one call. It is called
// before every request, with that request's context, so that per-invocation
// credentials (Function Compute passes them in the context) are honoured.
type CredentialsProvider func(ctx context.Context) (Credentials, error)

// StaticCredentials always returns c.
func StaticCredentials(c Credentials) CredentialsProvider {
	return func(context.Context) (Credentials, error) { return c, nil }
}

// DefaultCredentials is the SDK's standard chain: the environment
// (ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET,
// ALIBABA_CLOUD_SECURITY_TOKEN), OIDC, the CLI and credentials profiles, the
// ECS RAM role, ALIBABA_CLOUD_CREDENTIALS_URI. The chain remembers which of
// them worked; calls are serialized because the chain is not safe for
// concurrent use.
func DefaultCredentials() CredentialsProvider {
	var (
		mu    sync.Mutex
		chain *credentials.DefaultCredentialsProvider
	)
	return func(context.Context) (Credentials, error) {
		mu.Lock()
		defer mu.Unlock()
		if chain == nil {
			chain = credentials.NewDefaultCredentialsProvider()
		}
		cc, err := chain.GetCredentials()
		if err != nil {
			return Credentials{}, fmt.Errorf("no Alibaba Cloud credentials found (set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or attach a RAM role): %w", err)
		}
		return Credentials{AccessKeyID: cc.AccessKeyId, AccessKeySecret: cc.AccessKeySecret, SecurityToken: cc.SecurityToken}, nil
	}
}

package swr

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/imagesync/imagesync/adapters/internal/huaweicloud"
)

// Credentials are a Huawei Cloud access key pair, with the security token of
// temporary credentials. They print as redacted: %v, %+v, %#v and String
// never show the secret key or the token.
type Credentials = huaweicloud.Credentials

// CredentialsFromEnv reads CLOUD_SDK_AK / CLOUD_SDK_SK (the seeds'
// convention), else HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK, and
// HUAWEICLOUD_SDK_SECURITY_TOKEN.
func CredentialsFromEnv(getenv func(string) string) Credentials {
	return huaweicloud.CredentialsFromEnv(getenv)
}

// Option configures an Engine: the options of every Huawei Cloud engine
// of imagesync, defined once in adapters/internal/huaweicloud. A value an
// option cannot use makes New fail (ErrInvalid, naming the option).
type Option = huaweicloud.Option

// WithCredentials sets the access keys (default: CredentialsFromEnv).
func WithCredentials(c Credentials) Option { return huaweicloud.WithCredentials(c) }

// WithLogger logs API calls at debug and retries at info (default: none;
// credentials and signatures never). nil is refused.
func WithLogger(l *slog.Logger) Option { return huaweicloud.WithLogger(l) }

// WithTransport sets the HTTP transport under the SDK (default: a clone of
// http.DefaultTransport). nil is refused.
func WithTransport(rt http.RoundTripper) Option { return huaweicloud.WithTransport(rt) }

// WithBackoff sets the first and the largest retry delay (default 200ms,
// 5s); 0 < base ≤ max, else it is refused.
func WithBackoff(base, max time.Duration) Option { return huaweicloud.WithBackoff(base, max) }

// WithGetenv sets how the environment is read (default os.Getenv). nil is
// refused.
func WithGetenv(getenv func(string) string) Option { return huaweicloud.WithGetenv(getenv) }

package huawei

import (
	"fmt"
	"strings"

	"github.com/imagesync/imagesync/adapters/internal/callpath"
)

// Credentials are a Huawei Cloud access key pair, with the security token of
// temporary credentials. They print as redacted: %v, %+v, %#v and String
// never show the secret key or the token.
type Credentials struct {
	AK            string
	SK            string
	SecurityToken string
}

// CredentialsFromEnv reads CLOUD_SDK_AK / CLOUD_SDK_SK (the seeds'
// convention), else HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK, and
// HUAWEICLOUD_SDK_SECURITY_TOKEN.
func CredentialsFromEnv(getenv func(string) string) Credentials {
	c := Credentials{AK: getenv("CLOUD_SDK_AK"), SK: getenv("CLOUD_SDK_SK")}
	if c.AK == "" || c.SK == "" {
		c = Credentials{AK: getenv("HUAWEICLOUD_SDK_AK"), SK: getenv("HUAWEICLOUD_SDK_SK")}
	}
	c.SecurityToken = getenv("HUAWEICLOUD_SDK_SECURITY_TOKEN")
	return c
}

// Valid reports whether both keys are set.
func (c Credentials) Valid() bool { return c.AK != "" && c.SK != "" }

// String names the access key id only.
func (c Credentials) String() string {
	return fmt.Sprintf("Credentials{AK:%s SK:[redacted] SecurityToken:%s}", maskAK(c.AK), present(c.SecurityToken))
}

// GoString keeps %#v redacted too.
func (c Credentials) GoString() string { return c.String() }

// Format keeps every verb redacted.
func (c Credentials) Format(f fmt.State, _ rune) { _, _ = f.Write([]byte(c.String())) }

func maskAK(ak string) string {
	if len(ak) <= 4 {
		return strings.Repeat("*", len(ak))
	}
	return ak[:4] + strings.Repeat("*", len(ak)-4)
}

func present(s string) string {
	if s == "" {
		return "none"
	}
	return "[redacted]"
}

// Redact removes the secrets from a text that came from elsewhere (a
// provider's message may quote what it was sent), in every encoding
// signing produces (callpath.Redact).
func (c Credentials) Redact(s string) string { return callpath.Redact(s, c.SK, c.SecurityToken) }

package alibaba

import (
	"context"
	"net/http"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"

	"github.com/imagesync/imagesync/adapters/internal/callpath"
)

// Keys are an Alibaba Cloud access key pair, with the security token of STS
// credentials.
type Keys struct {
	AccessKeyID, AccessKeySecret, SecurityToken string
}

// Conn is how calls reach the API: the transport under the SDK (nil: the
// default one), the scheme ("https" unless an emulator says otherwise) and
// the SDK's timeouts (0: the SDK's own).
type Conn struct {
	Transport      http.RoundTripper
	Scheme         string
	ReadTimeout    time.Duration
	ConnectTimeout time.Duration
}

// NewClient builds an SDK client for one call in region: its auto-retry
// off, its transport bound to ctx. A failure is ErrInvalid, keys redacted.
func NewClient(ctx context.Context, region string, k Keys, c Conn) (*sdk.Client, error) {
	cfg := sdk.NewConfig()
	cfg.AutoRetry, cfg.MaxRetryTime = false, 0
	if c.Scheme != "" {
		cfg.Scheme = c.Scheme
	}
	cfg.Transport = callpath.BindContext(ctx, c.Transport)
	var cred auth.Credential = credentials.NewAccessKeyCredential(k.AccessKeyID, k.AccessKeySecret)
	if k.SecurityToken != "" {
		cred = credentials.NewStsTokenCredential(k.AccessKeyID, k.AccessKeySecret, k.SecurityToken)
	}
	client, err := sdk.NewClientWithOptions(region, cfg, cred)
	if err != nil {
		return nil, err
	}
	if c.ReadTimeout > 0 {
		client.SetReadTimeout(c.ReadTimeout)
	}
	if c.ConnectTimeout > 0 {
		client.SetConnectTimeout(c.ConnectTimeout)
	}
	return client, nil
}

// Redact removes the keys' secret and token from msg (see callpath.Redact).
func (k Keys) Redact(msg string) string {
	return callpath.Redact(msg, k.AccessKeySecret, k.SecurityToken)
}

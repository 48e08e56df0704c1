package creds

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/imagesync/imagesync/core"
)

// errNoAlibabaKeys: the chain found no credentials; an ACR EE domain the
// keychain matched by form is then declined, for docker's config.
var errNoAlibabaKeys = errors.New("no Alibaba Cloud credentials")

// AlibabaChain is Alibaba Cloud's default credential chain, from
// alibaba-cloud-sdk-go (credentials.NewDefaultCredentialsProvider): the
// environment (ALIBABA_CLOUD_ACCESS_KEY_ID, _SECRET, _SECURITY_TOKEN), OIDC
// (ALIBABA_CLOUD_ROLE_ARN with ALIBABA_CLOUD_OIDC_TOKEN_FILE, ACK), the
// aliyun CLI's profile, the credentials file (~/.alibabacloud/credentials
// or ALIBABA_CLOUD_CREDENTIALS_FILE), the ECS RAM role (metadata server;
// off with ALIBABA_CLOUD_ECS_METADATA_DISABLED=true) and
// ALIBABA_CLOUD_CREDENTIALS_URI. It is built at the first call (a process
// that never names an ACR EE host reads nothing) and remembers which
// source answered; calls are serialized, the chain is not safe for
// concurrent use.
func AlibabaChain() func(ctx context.Context) (AlibabaKeys, error) {
	var (
		mu    sync.Mutex
		chain *credentials.DefaultCredentialsProvider
	)
	return func(context.Context) (AlibabaKeys, error) {
		mu.Lock()
		defer mu.Unlock()
		if chain == nil {
			chain = credentials.NewDefaultCredentialsProvider()
		}
		c, err := chain.GetCredentials()
		if err != nil {
			return AlibabaKeys{}, fmt.Errorf("%w: %w (the SDK's default chain: environment, OIDC, CLI profile, "+
				"credentials file, ECS RAM role, credentials URI): %v", core.ErrUnauthorized, errNoAlibabaKeys, err)
		}
		return AlibabaKeys{AccessKeyID: c.AccessKeyId, AccessKeySecret: c.AccessKeySecret, SecurityToken: c.SecurityToken}, nil
	}
}

// keys are the keys of one call: Function Compute's STS credentials of
// the invocation, else Creds when set, else Keys.
func (a *ACR) keys(ctx context.Context) (AlibabaKeys, error) {
	if c, ok := core.InvocationCredentialsFrom(ctx, core.CloudAlibaba); ok {
		return AlibabaKeys{AccessKeyID: c.AccessKeyID, AccessKeySecret: c.AccessKeySecret, SecurityToken: c.SecurityToken}, nil
	}
	if a.Creds != nil {
		return a.Creds(ctx)
	}
	return a.Keys, nil
}

package creds

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/auth/provider"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/config"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/core/impl"
	"github.com/imagesync/imagesync/adapters/internal/callpath"
	"github.com/imagesync/imagesync/core"
)

// HuaweiSource gives the keys of one SWR call.
type HuaweiSource func(ctx context.Context) (HuaweiKeys, error)

// Source is k as a HuaweiSource.
func (k HuaweiKeys) Source() HuaweiSource {
	return func(context.Context) (HuaweiKeys, error) { return k, nil }
}

// errNoHuaweiKeys: the chain found no credentials; an SWR host is then
// declined, for docker's config.
var errNoHuaweiKeys = errors.New("no Huawei Cloud credentials")

// chainRetry is how long a chain that found nothing is not asked again
// (its metadata probe costs up to 3 s off ECS).
const chainRetry = time.Minute

// huaweiKeys are the keys of one call: FunctionGraph's agency keys of the
// invocation, else src's.
func huaweiKeys(ctx context.Context, src HuaweiSource) (HuaweiKeys, error) {
	if c, ok := core.InvocationCredentialsFrom(ctx, core.CloudHuawei); ok {
		return HuaweiKeys{AK: c.AccessKeyID, SK: c.AccessKeySecret, SecurityToken: c.SecurityToken}, nil
	}
	return src(ctx)
}

// HuaweiChain is huaweicloud-sdk-go-v3's credential provider chain for
// basic credentials (provider.BasicCredentialProviderChain): the
// environment (HUAWEICLOUD_SDK_AK/_SK/_SECURITY_TOKEN, or
// HUAWEICLOUD_SDK_IDP_ID with HUAWEICLOUD_SDK_ID_TOKEN_FILE for a
// federated identity exchanged at IAM), the profile file
// (~/.huaweicloud/credentials or HUAWEICLOUD_SDK_CREDENTIALS_FILE, its
// [basic] section), the ECS agency from the metadata server
// (169.254.169.254), then CCE's pod identity (HC_CONTAINER_CREDENTIALS_FULL_URI
// with HC_CONTAINER_AUTHORIZATION_TOKEN_FILE).
//
// It is asked at the first call (a process that never names an SWR host
// reads no file and makes no call) and keeps what answered; temporary
// credentials are renewed by the SDK 40 minutes before they expire. A
// chain that found nothing is asked again after a minute. Calls are
// serialized: the SDK's credentials are not safe for concurrent use. rt
// carries the IAM calls of a federated identity (nil: the default).
func HuaweiChain(rt http.RoundTripper) HuaweiSource {
	var (
		mu     sync.Mutex
		cred   *auth.BasicCredentials
		err    error
		failed time.Time
	)
	return func(ctx context.Context) (HuaweiKeys, error) {
		mu.Lock()
		defer mu.Unlock()
		if cred == nil {
			if err != nil && time.Since(failed) < chainRetry {
				return HuaweiKeys{}, err
			}
			var c auth.ICredential
			c, err = provider.BasicCredentialProviderChain().GetCredentials()
			b, ok := c.(*auth.BasicCredentials)
			if err != nil || !ok {
				failed = time.Now()
				err = fmt.Errorf("%w: %w (the SDK's chain: environment, profile file, ECS agency, CCE pod identity): %v",
					core.ErrUnauthorized, errNoHuaweiKeys, err)
				return HuaweiKeys{}, err
			}
			cred, err = b, nil
		}
		// A federated identity is exchanged at IAM here; the metadata and
		// pod identity credentials are renewed when close to expiry.
		hc := config.DefaultHttpConfig().WithRetries(0).WithTimeout(30 * time.Second).
			WithHttpRoundTripper(callpath.BindContext(ctx, rt))
		if err := cred.ProcessSts(impl.NewDefaultHttpClient(hc)); err != nil {
			return HuaweiKeys{}, fmt.Errorf("%w: Huawei Cloud temporary credentials: %v", core.ErrUnavailable, err)
		}
		return HuaweiKeys{AK: cred.AK, SK: cred.SK, SecurityToken: cred.SecurityToken}, nil
	}
}

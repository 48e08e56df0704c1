package creds

import (
	"context"
	"errors"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/responses"

	"github.com/imagesync/imagesync/adapters/internal/alibaba"
	"github.com/imagesync/imagesync/adapters/internal/retry"
	"github.com/imagesync/imagesync/core"
)

// callPolicy is the one retry policy's terms for the cloud API calls made
// here (ACR EE's, ECR's): three tries, as SWR's logins and listings.
var callPolicy = retry.Policy{Attempts: 3, Base: 200 * time.Millisecond, Max: 5 * time.Second, MaxWait: retry.DefaultMaxWait}

// retryCall tries again what is throttled or unavailable, waiting at least
// the Retry-After a provider asked for.
var retryCall = retry.Call{
	Retryable: func(err error) bool { return errors.Is(err, core.ErrThrottled) || errors.Is(err, core.ErrUnavailable) },
	Hint:      core.RetryAfter,
}

// call runs one cr 2018-12-01 RPC through the one Alibaba call path
// (adapters/internal/alibaba: the SDK's own retries off, bound to ctx,
// errors mapped onto core's kinds with the keys redacted), tried again
// when throttled or unavailable.
func (a *ACR) call(ctx context.Context, region string, req requests.AcsRequest, out responses.AcsResponse) error {
	keys, err := a.keys(ctx)
	if err != nil {
		return err
	}
	k := alibaba.Keys(keys)
	scheme, host := "https", "cr."+region+".aliyuncs.com"
	if a.Endpoint != nil {
		scheme, host = a.Endpoint(region)
	}
	req.SetScheme(scheme)
	req.SetDomain(host)
	req.GetQueryParams()["RegionId"] = region
	return callPolicy.Do(ctx, retryCall, func() error {
		client, err := alibaba.NewClient(ctx, region, k, alibaba.Conn{Transport: a.RT})
		if err != nil {
			return core.Errorf(core.ErrInvalid, "acr client: %s", k.Redact(err.Error()))
		}
		if err := client.DoAction(req, out); err != nil {
			return alibaba.Error(core.EngineACR, err, k)
		}
		return nil
	})
}

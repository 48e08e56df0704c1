package creds

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/cr_ee"
	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/imagesync/imagesync/core"
)

// AlibabaKeys buy ACR EE logins: an AccessKey, or STS credentials (FC).
type AlibabaKeys struct{ AccessKeyID, AccessKeySecret, SecurityToken string }

// String names the keys without their secrets.
func (k AlibabaKeys) String() string { return "alibaba-ak(" + mask(k.AccessKeyID) + ")" }

// AlibabaKeysFromEnv reads ALIBABA_CLOUD_ACCESS_KEY_ID/_SECRET/SECURITY_TOKEN.
func AlibabaKeysFromEnv(getenv func(string) string) (AlibabaKeys, bool) {
	k := AlibabaKeys{getenv("ALIBABA_CLOUD_ACCESS_KEY_ID"), getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET"), getenv("ALIBABA_CLOUD_SECURITY_TOKEN")}
	return k, k.AccessKeyID != "" && k.AccessKeySecret != ""
}

// ACR resolves ACR EE instances to their registry domains (ListInstanceEndpoint)
// and logs into them (GetAuthorizationToken), both cr 2018-12-01. Hosts it
// resolved are the hosts its keychain answers for.
type ACR struct {
	Keys     AlibabaKeys
	Endpoint func(region string) (scheme, host string) // default https, cr.<region>.aliyuncs.com
	RT       http.RoundTripper

	mu    sync.Mutex
	hosts map[string][2]string // registry domain -> region, instance
}

// Host is a registry.HostFunc: the instance's public (internet) domain.
func (a *ACR) Host(ctx context.Context, ep core.Endpoint) (string, error) {
	if ep.Region == "" || ep.Instance == "" {
		return "", core.Errorf(core.ErrInvalid, "%s: region and instance are required", ep)
	}
	req := cr_ee.CreateListInstanceEndpointRequest()
	req.InstanceId, req.ModuleName = ep.Instance, "Registry"
	res := cr_ee.CreateListInstanceEndpointResponse()
	if err := a.call(ctx, ep.Region, req, res); err != nil {
		return "", fmt.Errorf("acr ListInstanceEndpoint %s: %w", ep.Instance, err)
	}
	for _, e := range res.Endpoints {
		for _, d := range e.Domains {
			if e.EndpointType == "internet" && d.Domain != "" {
				a.mu.Lock()
				if a.hosts == nil {
					a.hosts = map[string][2]string{}
				}
				a.hosts[d.Domain] = [2]string{ep.Region, ep.Instance}
				a.mu.Unlock()
				return d.Domain, nil
			}
		}
	}
	return "", core.Errorf(core.ErrNotFound, "acr instance %s has no internet registry domain", ep.Instance)
}

// Keychain logs into the domains Host resolved, caching each login.
func (a *ACR) Keychain() *Keychain {
	lookup := func(h string) ([2]string, bool) { a.mu.Lock(); defer a.mu.Unlock(); v, ok := a.hosts[h]; return v, ok }
	return &Keychain{Match: func(h string) bool { _, ok := lookup(h); return ok },
		Exchange: func(ctx context.Context, host string) (authn.AuthConfig, time.Time, error) {
			ri, _ := lookup(host)
			req := cr_ee.CreateGetAuthorizationTokenRequest()
			req.InstanceId = ri[1]
			res := cr_ee.CreateGetAuthorizationTokenResponse()
			if err := a.call(ctx, ri[0], req, res); err != nil {
				return authn.AuthConfig{}, time.Time{}, fmt.Errorf("acr GetAuthorizationToken for %s: %w", host, err)
			}
			return authn.AuthConfig{Username: res.TempUsername, Password: res.AuthorizationToken}, time.UnixMilli(res.ExpireTime), nil
		}}
}

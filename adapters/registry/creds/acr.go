package creds

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
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
// and logs into them (GetAuthorizationToken), both cr 2018-12-01.
type ACR struct {
	Keys AlibabaKeys
	// Creds, when set, gives the keys of each call instead of Keys
	// (AlibabaChain: the SDK's default chain).
	Creds    func(ctx context.Context) (AlibabaKeys, error)
	Endpoint func(region string) (scheme, host string) // default https, cr.<region>.aliyuncs.com
	RT       http.RoundTripper

	mu    sync.Mutex
	hosts map[string][2]string // registry domain -> region, instance, as Host resolved it
	named map[string][2]string // the same, found by the instance name in the domain
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

// Keychain logs into ACR EE registry domains, caching each login: those
// Host resolved, and any <name>-registry[-vpc].<region>.cr.aliyuncs.com
// whose instance the keys find by name (ListInstance). Such a domain that
// the keys do not find, or may not use, is declined: the static
// credentials and docker's config then get their turn.
func (a *ACR) Keychain() *Keychain {
	return &Keychain{Match: a.Serves,
		Exchange: func(ctx context.Context, host string) (authn.AuthConfig, time.Time, error) {
			a.mu.Lock()
			_, resolved := a.hosts[host]
			a.mu.Unlock()
			decline := func(err error) error {
				if !resolved && (core.IsKind(err, core.ErrNotFound, core.ErrForbidden, core.ErrUnauthorized) || errors.Is(err, errNoAlibabaKeys)) {
					return fmt.Errorf("%w: %w", ErrNotMine, err)
				}
				return err
			}
			region, instance, err := a.instanceOf(ctx, host)
			if err != nil {
				return authn.AuthConfig{}, time.Time{}, decline(err)
			}
			req := cr_ee.CreateGetAuthorizationTokenRequest()
			req.InstanceId = instance
			res := cr_ee.CreateGetAuthorizationTokenResponse()
			if err := a.call(ctx, region, req, res); err != nil {
				return authn.AuthConfig{}, time.Time{}, decline(fmt.Errorf("acr GetAuthorizationToken for %s: %w", host, err))
			}
			return authn.AuthConfig{Username: res.TempUsername, Password: res.AuthorizationToken}, time.UnixMilli(res.ExpireTime), nil
		}}
}

// acrDomain is an ACR EE instance's registry domain, public or VPC:
// <instance name>-registry[-vpc].<region>.cr.aliyuncs.com.
var acrDomain = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^([a-z0-9][a-z0-9-]*)-registry(?:-vpc)?\.([a-z0-9-]+)\.cr\.aliyuncs\.com$`)
})

// Serves reports whether host is an ACR EE registry domain: one Host
// resolved, or one of the form <name>-registry.<region>.cr.aliyuncs.com.
func (a *ACR) Serves(host string) bool {
	a.mu.Lock()
	_, ok := a.hosts[host]
	a.mu.Unlock()
	return ok || acrDomain().MatchString(host)
}

// instanceOf is the region and instance id of an ACR EE registry domain:
// as Host resolved it, else by the instance name in the domain.
func (a *ACR) instanceOf(ctx context.Context, host string) (region, instance string, err error) {
	a.mu.Lock()
	ri, ok := a.hosts[host]
	if !ok {
		ri, ok = a.named[host]
	}
	a.mu.Unlock()
	if ok {
		return ri[0], ri[1], nil
	}
	m := acrDomain().FindStringSubmatch(host)
	if m == nil {
		return "", "", core.Errorf(core.ErrInvalid, "%s is no ACR EE registry domain", host)
	}
	req := cr_ee.CreateListInstanceRequest()
	req.InstanceName, req.PageSize = m[1], requests.NewInteger(100)
	res := cr_ee.CreateListInstanceResponse()
	if err := a.call(ctx, m[2], req, res); err != nil {
		return "", "", fmt.Errorf("acr ListInstance %s in %s: %w", m[1], m[2], err)
	}
	if !res.ListInstanceIsSuccess {
		return "", "", acrRefusal("ListInstance", m[1]+" in "+m[2], res.Code)
	}
	for _, in := range res.Instances {
		if in.InstanceName == m[1] && in.InstanceId != "" {
			a.mu.Lock()
			if a.named == nil {
				a.named = map[string][2]string{}
			}
			a.named[host] = [2]string{m[2], in.InstanceId}
			a.mu.Unlock()
			return m[2], in.InstanceId, nil
		}
	}
	return "", "", core.Errorf(core.ErrNotFound, "acr: no instance named %s in %s (for %s)", m[1], m[2], host)
}

// acrRefusal is an answer with IsSuccess false (HTTP 200).
func acrRefusal(op, what, code string) error {
	kind := core.ErrUnavailable
	switch {
	case strings.Contains(code, "NOT_EXIST"), strings.Contains(code, "NotFound"):
		kind = core.ErrNotFound
	case strings.Contains(code, "NoPrivilege"), strings.Contains(code, "Forbidden"):
		kind = core.ErrForbidden
	}
	return fmt.Errorf("acr %s %s: %w: %s", op, what, kind, code)
}

package creds

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	swrsdk "github.com/huaweicloud/huaweicloud-sdk-go-v3/services/swr/v2"
	"github.com/huaweicloud/huaweicloud-sdk-go-v3/services/swr/v2/model"
	"github.com/imagesync/imagesync/adapters/huawei"
	"github.com/imagesync/imagesync/adapters/internal/huaweicloud"
	"github.com/imagesync/imagesync/core"
)

// HuaweiKeys are the AK/SK (and STS token) that buy SWR logins.
type HuaweiKeys struct{ AK, SK, SecurityToken string }

// String names the keys without their secrets.
func (k HuaweiKeys) String() string { return "huawei-ak(" + mask(k.AK) + ")" }

// HuaweiKeysFromEnv reads CLOUD_SDK_AK/SK, else HUAWEICLOUD_SDK_AK/SK, and
// the STS token of a FunctionGraph agency when there is one.
func HuaweiKeysFromEnv(getenv func(string) string) (HuaweiKeys, bool) {
	k := HuaweiKeys{AK: getenv("CLOUD_SDK_AK"), SK: getenv("CLOUD_SDK_SK")}
	if k.AK == "" {
		k = HuaweiKeys{AK: getenv("HUAWEICLOUD_SDK_AK"), SK: getenv("HUAWEICLOUD_SDK_SK")}
	}
	k.SecurityToken = getenv("HUAWEICLOUD_SDK_SECURITY_TOKEN")
	return k, k.AK != "" && k.SK != ""
}

// SWRHost matches swr.<region>.myhuaweicloud.com and returns the region.
func SWRHost(host string) (region string, ok bool) {
	r, ok := strings.CutPrefix(host, "swr.")
	r, ok2 := strings.CutSuffix(r, ".myhuaweicloud.com")
	return r, ok && ok2 && r != "" && !strings.Contains(r, ".")
}

// SWR returns a keychain of SWR temporary logins (CreateSecret, swr v2),
// valid 24 hours, bought with the keys of the invocation (FunctionGraph's
// agency), else src's. A host is declined when src finds no keys (the
// SDK's chain, on a machine without any), so that docker's config
// answers. endpoint gives the SWR API of a region (default
// https://swr-api.<region>.myhuaweicloud.com); rt is the HTTP transport.
func SWR(src HuaweiSource, endpoint func(region string) string, rt http.RoundTripper) *Keychain {
	if endpoint == nil {
		endpoint = func(r string) string { return huaweicloud.Endpoint("swr-api", r) }
	}
	match := func(h string) bool { _, ok := SWRHost(h); return ok }
	return &Keychain{Match: match, Exchange: func(ctx context.Context, host string) (authn.AuthConfig, time.Time, error) {
		region, _ := SWRHost(host)
		keys, err := huaweiKeys(ctx, src)
		if errors.Is(err, errNoHuaweiKeys) {
			return authn.AuthConfig{}, time.Time{}, fmt.Errorf("swr login for %s: %w: %w", host, ErrNotMine, err)
		}
		if err != nil {
			return authn.AuthConfig{}, time.Time{}, fmt.Errorf("swr login for %s: %w", host, err)
		}
		return swrSecret(ctx, keys, region, endpoint(region), host, rt)
	}}
}

// swrClient is the Huawei call path (adapters/internal/huaweicloud) with
// keys: bound to the context, the one retry policy (3 tries), errors
// mapped onto core's kinds with the keys redacted.
func swrClient(keys HuaweiKeys, rt http.RoundTripper) (*huaweicloud.Client, error) {
	s := huawei.DefaultSettings()
	s.Creds = huaweicloud.Credentials{AK: keys.AK, SK: keys.SK, SecurityToken: keys.SecurityToken}
	s.CredsSet, s.Transport = true, rt
	return huaweicloud.NewClient(huaweicloud.Service{Name: "swr", NotFound: "SWR organization or repository not found"}, s, 30*time.Second, 3)
}

func swrSecret(ctx context.Context, keys HuaweiKeys, region, endpoint, host string, rt http.RoundTripper) (authn.AuthConfig, time.Time, error) {
	var none authn.AuthConfig
	c, err := swrClient(keys, rt)
	if err != nil {
		return none, time.Time{}, fmt.Errorf("swr login for %s: %w", host, err)
	}
	target := huaweicloud.Target{Region: region, Endpoint: endpoint, Project: region}
	req := &model.CreateSecretRequest{ContentType: model.GetCreateSecretRequestContentTypeEnum().APPLICATION_JSON}
	var res *model.CreateSecretResponse
	err = c.Retry(ctx, "CreateSecret", func() error {
		return huaweicloud.Call(ctx, c, target, "CreateSecret", swrsdk.NewSwrClient, func(s *swrsdk.SwrClient) (err error) {
			res, err = s.CreateSecret(req)
			return err
		})
	})
	if err != nil {
		return none, time.Time{}, fmt.Errorf("swr CreateSecret for %s: %w", host, err)
	}
	for _, a := range res.Auths {
		raw, err := base64.StdEncoding.DecodeString(a.Auth)
		user, pass, ok := strings.Cut(string(raw), ":")
		if err != nil || !ok {
			continue
		}
		return authn.AuthConfig{Username: user, Password: pass}, time.Now().Add(24 * time.Hour), nil
	}
	return none, time.Time{}, core.Errorf(core.ErrUnauthorized, "swr CreateSecret for %s: no login in the answer", host)
}

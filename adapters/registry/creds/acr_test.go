package creds_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/imagesync/imagesync/adapters/registry/creds"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// acrEmulator answers ListInstanceEndpoint and GetAuthorizationToken of
// cr 2018-12-01 for instance cri-test in cn-hangzhou, signed by AKTEST.
func acrEmulator(t *testing.T, tokens *atomic.Int64) string {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		if r.Form.Get("AccessKeyId") != "AKTEST" || r.Form.Get("Signature") == "" {
			w.WriteHeader(http.StatusForbidden)
			_ = json.NewEncoder(w).Encode(map[string]any{"Code": "InvalidAccessKeyId.NotFound", "Message": "bad key", "RequestId": "r1"})
			return
		}
		if r.Form.Get("InstanceId") != "cri-test" || r.Form.Get("RegionId") != "cn-hangzhou" {
			w.WriteHeader(http.StatusNotFound)
			_ = json.NewEncoder(w).Encode(map[string]any{"Code": "INSTANCE_NOT_EXIST", "Message": "no", "RequestId": "r2"})
			return
		}
		switch r.Form.Get("Action") {
		case "ListInstanceEndpoint":
			_ = json.NewEncoder(w).Encode(map[string]any{"IsSuccess": true, "RequestId": "r3", "Endpoints": []any{
				map[string]any{"EndpointType": "vpc", "Domains": []any{map[string]string{"Domain": "test-registry-vpc.cn-hangzhou.cr.aliyuncs.com"}}},
				map[string]any{"EndpointType": "internet", "Domains": []any{map[string]string{"Domain": "test-registry.cn-hangzhou.cr.aliyuncs.com"}}},
			}})
		case "GetAuthorizationToken":
			tokens.Add(1)
			_ = json.NewEncoder(w).Encode(map[string]any{"IsSuccess": true, "RequestId": "r4", "TempUsername": "cr_temp_user",
				"AuthorizationToken": "tok", "ExpireTime": time.Now().Add(time.Hour).UnixMilli()})
		}
	}))
	t.Cleanup(s.Close)
	return strings.TrimPrefix(s.URL, "http://")
}

func TestACRInstanceDomainAndLogin(t *testing.T) {
	var tokens atomic.Int64
	host := acrEmulator(t, &tokens)
	acr := &creds.ACR{Keys: creds.AlibabaKeys{AccessKeyID: "AKTEST", AccessKeySecret: "SKSECRET"},
		Endpoint: func(string) (string, string) { return "http", host }}
	domain, err := acr.Host(context.Background(), core.Endpoint{Engine: "acr", Region: "cn-hangzhou", Instance: "cri-test"})
	require.NoError(t, err)
	assert.Equal(t, "test-registry.cn-hangzhou.cr.aliyuncs.com", domain)
	k := acr.Keychain()
	r, _ := name.NewRegistry(domain)
	for range 2 {
		a, err := k.Resolve(r)
		require.NoError(t, err)
		cfg, _ := a.Authorization()
		assert.Equal(t, "cr_temp_user", cfg.Username)
		assert.Equal(t, "tok", cfg.Password)
	}
	assert.EqualValues(t, 1, tokens.Load())

	bad := &creds.ACR{Keys: creds.AlibabaKeys{AccessKeyID: "AKOTHER", AccessKeySecret: "SKSECRET"},
		Endpoint: func(string) (string, string) { return "http", host }}
	_, err = bad.Host(context.Background(), core.Endpoint{Engine: "acr", Region: "cn-hangzhou", Instance: "cri-test"})
	require.ErrorIs(t, err, core.ErrUnauthorized)
	assert.NotContains(t, err.Error(), "SKSECRET")
}

// A throttled cr call is tried again under the one retry policy, the
// Retry-After asked for waited out (was: the login failed at once).
func TestACRThrottledCallIsTriedAgain(t *testing.T) {
	var calls atomic.Int64
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if calls.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			_ = json.NewEncoder(w).Encode(map[string]any{"Code": "Throttling.User", "Message": "slow down", "RequestId": "r0"})
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"IsSuccess": true, "RequestId": "r3", "Endpoints": []any{
			map[string]any{"EndpointType": "internet", "Domains": []any{map[string]string{"Domain": "test-registry.cn-hangzhou.cr.aliyuncs.com"}}},
		}})
	}))
	t.Cleanup(s.Close)
	acr := &creds.ACR{Keys: creds.AlibabaKeys{AccessKeyID: "AKTEST", AccessKeySecret: "SKSECRET"},
		Endpoint: func(string) (string, string) { return "http", strings.TrimPrefix(s.URL, "http://") }}
	start := time.Now()
	domain, err := acr.Host(context.Background(), core.Endpoint{Engine: "acr", Region: "cn-hangzhou", Instance: "cri-test"})
	require.NoError(t, err)
	assert.Equal(t, "test-registry.cn-hangzhou.cr.aliyuncs.com", domain)
	assert.EqualValues(t, 2, calls.Load())
	assert.GreaterOrEqual(t, time.Since(start), time.Second, "the Retry-After is a floor on the wait")
}

package creds_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/imagesync/imagesync/adapters/registry/creds"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ecrEmulator answers GetAuthorizationToken of the ECR API (awsJson1_1) to
// requests SigV4-signed by AKTEST for service ecr in eu-west-1; others get
// a 400 UnrecognizedClientException, or a ThrottlingException when asked.
func ecrEmulator(t *testing.T, calls *atomic.Int64, throttle bool) string {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		auth := r.Header.Get("Authorization")
		signed := strings.HasPrefix(auth, "AWS4-HMAC-SHA256 Credential=AKTEST/") &&
			strings.Contains(auth, "/eu-west-1/ecr/aws4_request") && strings.Contains(auth, "Signature=")
		switch {
		case r.Header.Get("X-Amz-Target") != "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken":
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"__type":"UnknownOperationException"}`))
		case throttle:
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"__type":"ThrottlingException","message":"slow down"}`))
		case !signed:
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"__type":"UnrecognizedClientException","message":"bad token"}`))
		default:
			tok := base64.StdEncoding.EncodeToString([]byte("AWS:ecr-password"))
			_ = json.NewEncoder(w).Encode(map[string]any{"authorizationData": []any{map[string]any{
				"authorizationToken": tok, "expiresAt": time.Now().Add(12 * time.Hour).Unix(),
				"proxyEndpoint": "https://123456789012.dkr.ecr.eu-west-1.amazonaws.com"}}})
		}
	}))
	t.Cleanup(s.Close)
	return s.URL
}

// awsEnv makes the SDK's default chain find only env keys, offline.
func awsEnv(t *testing.T, key string) {
	for k, v := range map[string]string{"AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": "SKSECRET",
		"AWS_SESSION_TOKEN": "", "AWS_PROFILE": "", "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
		"AWS_EC2_METADATA_DISABLED": "true", "AWS_ENDPOINT_URL": "", "AWS_ENDPOINT_URL_ECR": ""} {
		t.Setenv(k, v)
	}
}

func TestECRLoginThroughTheSDK(t *testing.T) {
	var calls atomic.Int64
	url := ecrEmulator(t, &calls, false)
	awsEnv(t, "AKTEST")
	k := creds.ECR(func(string) string { return url }, nil)
	r, _ := name.NewRegistry("123456789012.dkr.ecr.eu-west-1.amazonaws.com")
	for range 2 {
		a, err := k.Resolve(r)
		require.NoError(t, err)
		cfg, _ := a.Authorization()
		assert.Equal(t, "AWS", cfg.Username)
		assert.Equal(t, "ecr-password", cfg.Password)
	}
	assert.EqualValues(t, 1, calls.Load(), "the login is cached")

	other, _ := name.NewRegistry("ghcr.io")
	a, err := k.Resolve(other)
	require.NoError(t, err)
	assert.Equal(t, authn.Anonymous, a)
	assert.EqualValues(t, 1, calls.Load(), "other hosts cost no call")
}

func TestECRRefusals(t *testing.T) {
	var calls atomic.Int64
	url := ecrEmulator(t, &calls, false)
	awsEnv(t, "AKOTHER")
	r, _ := name.NewRegistry("123456789012.dkr.ecr.eu-west-1.amazonaws.com")
	_, err := creds.ECR(func(string) string { return url }, nil).Resolve(r)
	require.ErrorIs(t, err, core.ErrUnauthorized)
	assert.NotContains(t, err.Error(), "SKSECRET")
	assert.EqualValues(t, 1, calls.Load(), "the SDK's own retries are off")

	throttled := ecrEmulator(t, &calls, true)
	_, err = creds.ECR(func(string) string { return throttled }, nil).Resolve(r)
	require.ErrorIs(t, err, core.ErrThrottled)
	assert.EqualValues(t, 2, calls.Load(), "no SDK retry on throttling either")
}

func TestECRHost(t *testing.T) {
	for host, region := range map[string]string{
		"123456789012.dkr.ecr.eu-west-1.amazonaws.com":      "eu-west-1",
		"123456789012.dkr.ecr-fips.us-east-1.amazonaws.com": "us-east-1",
		"123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn":  "cn-north-1",
		"public.ecr.aws": "", "12345.dkr.ecr.eu-west-1.amazonaws.com": "", "123456789012.dkr.ecr.eu-west-1.amazonaws.com.evil.io": "",
	} {
		got, ok := creds.ECRHost(host)
		assert.Equal(t, region, got, host)
		assert.Equal(t, region != "", ok, host)
	}
}

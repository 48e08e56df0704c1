package creds_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/imagesync/imagesync/adapters/registry/creds"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sigV4Valid checks r's SigV4 signature the way AWS does: it signs the
// same method, URL, body and signed headers again with the secret of the
// access key the request names, at the request's own X-Amz-Date, and
// compares. secrets maps access key ids to secret keys.
func sigV4Valid(r *http.Request, body []byte, secrets map[string]string, service, region string) bool {
	auth := r.Header.Get("Authorization")
	fields := map[string]string{}
	for _, f := range strings.Split(strings.TrimPrefix(auth, "AWS4-HMAC-SHA256 "), ", ") {
		k, v, _ := strings.Cut(f, "=")
		fields[k] = v
	}
	scope := strings.Split(fields["Credential"], "/")
	if len(scope) != 5 || scope[2] != region || scope[3] != service || secrets[scope[0]] == "" {
		return false
	}
	at, err := time.Parse("20060102T150405Z", r.Header.Get("X-Amz-Date"))
	if err != nil {
		return false
	}
	again, _ := http.NewRequest(r.Method, "http://"+r.Host+r.URL.RequestURI(), bytes.NewReader(body))
	for _, h := range strings.Split(fields["SignedHeaders"], ";") {
		if h != "host" {
			again.Header.Set(h, r.Header.Get(h))
		}
	}
	sum := sha256.Sum256(body)
	cred := aws.Credentials{AccessKeyID: scope[0], SecretAccessKey: secrets[scope[0]], SessionToken: r.Header.Get("X-Amz-Security-Token")}
	if err := v4.NewSigner().SignHTTP(context.Background(), cred, again, hex.EncodeToString(sum[:]), service, region, at); err != nil {
		return false
	}
	return again.Header.Get("Authorization") == auth
}

// ecrEmulator answers GetAuthorizationToken of the ECR API (awsJson1_1) to
// requests SigV4-signed by AKTEST (secret SKSECRET) for ecr in eu-west-1;
// others get a 400 UnrecognizedClientException (InvalidSignatureException
// for a wrong signature), or a ThrottlingException when asked.
func ecrEmulator(t *testing.T, calls *atomic.Int64, throttle bool) string {
	return ecrEmulatorOf(t, calls, throttle, "AKTEST", "SKSECRET")
}

// ecrEmulatorFor is ecrEmulator for another key.
func ecrEmulatorFor(t *testing.T, calls *atomic.Int64, key, secret string) string {
	return ecrEmulatorOf(t, calls, false, key, secret)
}

func ecrEmulatorOf(t *testing.T, calls *atomic.Int64, throttle bool, key, secret string) string {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		fail := func(code, msg string) {
			w.WriteHeader(http.StatusBadRequest)
			_ = json.NewEncoder(w).Encode(map[string]string{"__type": "com.amazonaws.ecr#" + code, "message": msg})
		}
		switch {
		case r.Method != http.MethodPost || r.Header.Get("X-Amz-Target") != "AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken" ||
			r.Header.Get("Content-Type") != "application/x-amz-json-1.1" || !json.Valid(body):
			fail("UnknownOperationException", "")
		case throttle:
			fail("ThrottlingException", "slow down")
		case !strings.Contains(r.Header.Get("Authorization"), "Credential="+key+"/"):
			fail("UnrecognizedClientException", "The security token included in the request is invalid.")
		case !sigV4Valid(r, body, map[string]string{key: secret}, "ecr", "eu-west-1"):
			fail("InvalidSignatureException", "The request signature we calculated does not match the signature you provided.")
		default:
			tok := base64.StdEncoding.EncodeToString([]byte("AWS:ecr-password"))
			_ = json.NewEncoder(w).Encode(map[string]any{"authorizationData": []any{map[string]any{
				"authorizationToken": tok, "expiresAt": float64(time.Now().Add(12*time.Hour).Unix()) + 0.5,
				"proxyEndpoint": "https://123456789012.dkr.ecr.eu-west-1.amazonaws.com"}}})
		}
	}))
	t.Cleanup(s.Close)
	return s.URL
}

func ecrRegistry() name.Registry {
	r, _ := name.NewRegistry("123456789012.dkr.ecr.eu-west-1.amazonaws.com")
	return r
}

func TestECRLogin(t *testing.T) {
	var calls atomic.Int64
	url := ecrEmulator(t, &calls, false)
	getenv := awsEnv(t, map[string]string{"AWS_ACCESS_KEY_ID": "AKTEST", "AWS_SECRET_ACCESS_KEY": "SKSECRET", "AWS_ENDPOINT_URL_ECR": url})
	k := creds.ECR(creds.NewAWS(), getenv, nil, nil)
	for range 2 {
		a, err := k.Resolve(ecrRegistry())
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
	at := func(region string) string { return url }
	for key, secret := range map[string]string{"AKOTHER": "SKSECRET", "AKTEST": "SKWRONG"} {
		getenv := awsEnv(t, map[string]string{"AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": secret})
		_, err := creds.ECR(creds.NewAWS(), getenv, at, nil).Resolve(ecrRegistry())
		require.ErrorIs(t, err, core.ErrUnauthorized)
		assert.NotContains(t, err.Error(), secret)
	}
	assert.EqualValues(t, 2, calls.Load(), "a refusal is not tried again")

	throttled := ecrEmulator(t, &calls, true)
	getenv := awsEnv(t, map[string]string{"AWS_ACCESS_KEY_ID": "AKTEST", "AWS_SECRET_ACCESS_KEY": "SKSECRET"})
	_, err := creds.ECR(creds.NewAWS(), getenv, func(string) string { return throttled }, nil).Resolve(ecrRegistry())
	require.ErrorIs(t, err, core.ErrThrottled)
	assert.Contains(t, err.Error(), "ThrottlingException")
	assert.EqualValues(t, 5, calls.Load(), "a throttled login is tried again under the one retry policy: 3 tries")

	getenv = awsEnv(t, nil) // no keys, no profile, IMDS off: the SDK's chain finds nothing
	_, err = creds.ECR(creds.NewAWS(), getenv, at, nil).Resolve(ecrRegistry())
	require.ErrorIs(t, err, core.ErrUnauthorized)
	assert.Contains(t, err.Error(), "no AWS credentials")
	assert.Contains(t, err.Error(), "for 123456789012.dkr.ecr.eu-west-1.amazonaws.com:", "the error names the host")
	assert.EqualValues(t, 5, calls.Load(), "no call without credentials")
}

// On plain EC2 the chain's only source is the instance role: the login
// is tried with IMDS's credentials (no variable names AWS at all).
func TestECRLoginWithIMDSOnly(t *testing.T) {
	var calls atomic.Int64
	url := ecrEmulatorFor(t, &calls, "ASIAEC2", "SKEC2")
	getenv := awsEnv(t, map[string]string{"AWS_EC2_METADATA_DISABLED": "", "AWS_EC2_METADATA_SERVICE_ENDPOINT": imdsEmulator(t),
		"AWS_ENDPOINT_URL_ECR": url})
	a, err := creds.ECR(creds.NewAWS(), getenv, nil, nil).Resolve(ecrRegistry())
	require.NoError(t, err)
	cfg, _ := a.Authorization()
	assert.Equal(t, "ecr-password", cfg.Password)
	assert.EqualValues(t, 1, calls.Load())
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

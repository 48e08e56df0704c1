package creds

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"github.com/imagesync/imagesync/adapters/internal/callpath"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/imagesync/imagesync/core"
)

var ecrHost = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[0-9]{12}\.dkr\.(ecr(?:-fips)?)\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$`)
})

// ECRHost matches <account>.dkr.ecr.<region>.amazonaws.com (and the -fips
// and .cn forms) and returns the region.
func ECRHost(host string) (region string, ok bool) {
	m := ecrHost().FindStringSubmatch(host)
	if m == nil {
		return "", false
	}
	return m[2], true
}

// ecrEndpoint is the ECR API that serves host's logins: AWS_ENDPOINT_URL_ECR
// or AWS_ENDPOINT_URL when set, else api.ecr.<region> (ecr-fips.<region>
// for a FIPS registry) in the region's partition.
func ecrEndpoint(getenv func(string) string, host string) string {
	if u := orEnv(getenv, "AWS_ENDPOINT_URL_ECR", getenv("AWS_ENDPOINT_URL")); u != "" {
		return u
	}
	m := ecrHost().FindStringSubmatch(host)
	if m[1] == "ecr-fips" {
		return "https://ecr-fips." + m[2] + "." + awsDomain(m[2])
	}
	return "https://api.ecr." + m[2] + "." + awsDomain(m[2])
}

// ECR returns a keychain of ECR logins: ecr:GetAuthorizationToken, signed
// (SigV4, aws-sdk-go-v2's signer) with the credentials of chain (the SDK's
// default chain, loaded at the first ECR host), cached until 5 minutes
// before they expire (ECR tokens last 12 hours). getenv gives
// AWS_ENDPOINT_URL_ECR; endpoint, when set and not "", the ECR API of a
// region. The call is tried again under the one retry policy when
// throttled or unavailable (ecrCall). A chain that finds no
// credentials fails the login with an error naming the host.
func ECR(chain *AWS, getenv func(string) string, endpoint func(region string) string, client *http.Client) *Keychain {
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	match := func(h string) bool { _, ok := ECRHost(h); return ok }
	return &Keychain{Match: match, Exchange: func(ctx context.Context, host string) (authn.AuthConfig, time.Time, error) {
		region, _ := ECRHost(host)
		url := ecrEndpoint(getenv, host)
		if endpoint != nil && endpoint(region) != "" {
			url = endpoint(region)
		}
		provider, err := chain.Credentials(ctx, region)
		if err != nil {
			return authn.AuthConfig{}, time.Time{}, fmt.Errorf("ecr login for %s: %w: %v", host, core.ErrUnauthorized, err)
		}
		return ecrToken(ctx, client, provider, url, region, host)
	}}
}

// ecrAnswer is GetAuthorizationToken's answer (awsJson1_1).
type ecrAnswer struct {
	AuthorizationData []struct {
		AuthorizationToken string  `json:"authorizationToken"`
		ExpiresAt          float64 `json:"expiresAt"` // epoch seconds
	} `json:"authorizationData"`
}

func ecrToken(ctx context.Context, client *http.Client, provider aws.CredentialsProvider, url, region, host string) (authn.AuthConfig, time.Time, error) {
	var a ecrAnswer
	if err := ecrCall(ctx, client, provider, url, region, "GetAuthorizationToken", struct{}{}, &a); err != nil {
		return authn.AuthConfig{}, time.Time{}, fmt.Errorf("ecr GetAuthorizationToken for %s: %w", host, err)
	}
	for _, d := range a.AuthorizationData {
		raw, err := base64.StdEncoding.DecodeString(d.AuthorizationToken)
		user, pass, ok := strings.Cut(string(raw), ":")
		if err != nil || !ok {
			continue
		}
		exp := time.Now().Add(12 * time.Hour)
		if d.ExpiresAt > 0 {
			exp = time.Unix(0, int64(d.ExpiresAt*1e9))
		}
		return authn.AuthConfig{Username: user, Password: pass}, exp, nil
	}
	return authn.AuthConfig{}, time.Time{}, fmt.Errorf("ecr GetAuthorizationToken for %s: %w: no token in the answer", host, core.ErrUnauthorized)
}

// ecrCall makes a call of the ECR API (awsJson1_1), SigV4-signed with
// provider's credentials, and decodes its answer into out, tried again
// under the one retry policy (callPolicy) when throttled or unavailable.
// Its errors wrap a core kind and carry the API's error code and message.
func ecrCall(ctx context.Context, client *http.Client, provider aws.CredentialsProvider, url, region, op string, in, out any) error {
	return callPolicy.Do(ctx, retryCall, func() error { return ecrCallOnce(ctx, client, provider, url, region, op, in, out) })
}

// ecrCallOnce is one try of ecrCall.
func ecrCallOnce(ctx context.Context, client *http.Client, provider aws.CredentialsProvider, url, region, op string, in, out any) error {
	cred, err := provider.Retrieve(ctx)
	if err != nil {
		return fmt.Errorf("%w: %s", core.ErrUnauthorized, noCredentials(err))
	}
	body, err := json.Marshal(in)
	if err != nil {
		return fmt.Errorf("%w: %v", core.ErrInvalid, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("%w: %v", core.ErrInvalid, err)
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921."+op)
	sum := sha256.Sum256(body)
	if err := v4.NewSigner().SignHTTP(ctx, cred, req, hex.EncodeToString(sum[:]), "ecr", region, time.Now()); err != nil {
		return fmt.Errorf("%w: signing: %v", core.ErrUnauthorized, err)
	}
	res, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("%w: %v", core.ErrUnavailable, err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(res.Body, 16<<20))
	if res.StatusCode != http.StatusOK {
		var e struct {
			Type     string `json:"__type"`
			Message  string `json:"message"`
			Message2 string `json:"Message"`
		}
		_ = json.Unmarshal(raw, &e)
		code := e.Type[strings.LastIndexByte(e.Type, '#')+1:]
		return fmt.Errorf("%w: HTTP %d %s %s", ecrKind(res.StatusCode, code), res.StatusCode, code, e.Message+e.Message2)
	}
	if err == nil {
		err = json.Unmarshal(raw, out)
	}
	if err != nil {
		return fmt.Errorf("%w: decoding the answer: %v", core.ErrUnavailable, err)
	}
	return nil
}

// ecrKinds maps an ECR API failure onto a core kind: by its code first
// (ThrottlingException comes as a 400), then by its status.
var ecrKinds = callpath.Table{Default: core.ErrUnavailable, Rules: []callpath.Rule{
	{Kind: core.ErrThrottled, Codes: []string{"throttl"}, Status: callpath.Is(http.StatusTooManyRequests)},
	{Kind: core.ErrNotFound, Codes: []string{"notfoundexception"}}, // RepositoryNotFoundException, RegistryNotFoundException
	{Kind: core.ErrInvalid, Codes: []string{"invalidparameterexception"}},
	{Kind: core.ErrUnauthorized, Status: func(_ string, status int) bool { return status == 400 || status == 401 || status == 403 }},
}}

// ecrKind maps an ECR API failure onto a core kind (ecrKinds).
func ecrKind(status int, code string) error { return ecrKinds.Kind(code, status) }

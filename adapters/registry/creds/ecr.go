package creds

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/imagesync/imagesync/core"
)

var ecrHost = regexp.MustCompile(`^[0-9]{12}\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$`)

// ECRHost matches <account>.dkr.ecr.<region>.amazonaws.com (and the -fips
// and .cn forms) and returns the region.
func ECRHost(host string) (region string, ok bool) {
	m := ecrHost.FindStringSubmatch(host)
	if m == nil {
		return "", false
	}
	return m[1], true
}

// ECR returns a keychain of ECR logins (ecr:GetAuthorizationToken through
// aws-sdk-go-v2 with the default credential chain: env, shared files, web
// identity, the Lambda role...), cached until 5 minutes before they expire
// (ECR tokens last 12 hours). endpoint gives the ECR API of a region; nil or
// "" lets the SDK resolve it (AWS_ENDPOINT_URL_ECR included). The SDK's own
// retries are off: the registry engine's retry layer is the only one.
func ECR(endpoint func(region string) string, load func(ctx context.Context, region string) (aws.Config, error)) *Keychain {
	if load == nil {
		load = func(ctx context.Context, region string) (aws.Config, error) {
			return config.LoadDefaultConfig(ctx, config.WithRegion(region))
		}
	}
	match := func(h string) bool { _, ok := ECRHost(h); return ok }
	return &Keychain{Match: match, Exchange: func(ctx context.Context, host string) (authn.AuthConfig, time.Time, error) {
		region, _ := ECRHost(host)
		cfg, err := load(ctx, region)
		if err != nil {
			return authn.AuthConfig{}, time.Time{}, fmt.Errorf("ecr login for %s: %w: loading AWS config: %v", host, core.ErrUnauthorized, err)
		}
		client := ecr.NewFromConfig(cfg, func(o *ecr.Options) {
			o.Retryer = aws.NopRetryer{}
			if endpoint != nil && endpoint(region) != "" {
				o.BaseEndpoint = aws.String(endpoint(region))
			}
		})
		return ecrToken(ctx, client, host)
	}}
}

func ecrToken(ctx context.Context, client *ecr.Client, host string) (authn.AuthConfig, time.Time, error) {
	var none authn.AuthConfig
	res, err := client.GetAuthorizationToken(ctx, &ecr.GetAuthorizationTokenInput{})
	if err != nil {
		return none, time.Time{}, fmt.Errorf("ecr GetAuthorizationToken for %s: %w: %v", host, ecrKind(err), err)
	}
	for _, a := range res.AuthorizationData {
		raw, err := base64.StdEncoding.DecodeString(aws.ToString(a.AuthorizationToken))
		user, pass, ok := strings.Cut(string(raw), ":")
		if err != nil || !ok {
			continue
		}
		exp := time.Now().Add(12 * time.Hour)
		if a.ExpiresAt != nil {
			exp = *a.ExpiresAt
		}
		return authn.AuthConfig{Username: user, Password: pass}, exp, nil
	}
	return none, time.Time{}, core.Errorf(core.ErrUnauthorized, "ecr GetAuthorizationToken for %s: no token in the answer", host)
}

// ecrKind maps an SDK failure onto a core kind by its HTTP status.
func ecrKind(err error) error {
	var api interface{ ErrorCode() string }
	if errors.As(err, &api) && strings.Contains(api.ErrorCode(), "Throttl") {
		return core.ErrThrottled // ThrottlingException comes as a 400
	}
	var st interface{ HTTPStatusCode() int }
	if !errors.As(err, &st) {
		return core.ErrUnavailable // no answer, or no credentials found
	}
	switch s := st.HTTPStatusCode(); {
	case s == 400 || s == 401 || s == 403:
		return core.ErrUnauthorized
	case s == 429:
		return core.ErrThrottled
	}
	return core.ErrUnavailable
}

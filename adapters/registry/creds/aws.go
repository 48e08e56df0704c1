package creds

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
)

// AWS is the AWS SDK's default credential chain, as aws-sdk-go-v2/config's
// LoadDefaultConfig builds it: environment keys (Lambda's role comes this
// way); the shared config and credentials files' profile (AWS_PROFILE,
// else [default] or [profile default]) with static keys,
// credential_process, SSO (sso_session or the legacy sso_start_url, from
// the token `aws sso login` cached), or role_arn with source_profile or
// credential_source; web identity (AWS_WEB_IDENTITY_TOKEN_FILE, EKS);
// the ECS / EKS Pod Identity endpoint; the EC2 instance role (IMDS). The
// SDK honours its own variables: AWS_ENDPOINT_URL_STS, _SSO and
// AWS_EC2_METADATA_SERVICE_ENDPOINT among them.
//
// It is loaded lazily, once per region, at the first ECR host a process
// logs into: a process that never talks to AWS reads no file and makes no
// call. The region of the ECR host is the SDK's default region (for STS
// and SSO), used when neither the environment nor the profile names one.
// The credentials are cached by the SDK until shortly before they expire.
type AWS struct {
	// Load builds the SDK's configuration for a region; default
	// LoadDefaultConfig with that region as the default.
	Load func(ctx context.Context, region string) (aws.Config, error)

	mu      sync.Mutex
	regions map[string]*awsChain
}

type awsChain struct {
	once  sync.Once
	creds aws.CredentialsProvider
	err   error
}

// NewAWS returns the chain, not loaded yet.
func NewAWS() *AWS { return &AWS{} }

func loadDefaultConfig(ctx context.Context, region string) (aws.Config, error) {
	return config.LoadDefaultConfig(ctx, config.WithDefaultRegion(region))
}

// Credentials returns the chain's credentials provider for region,
// loading the SDK's configuration on the first call for that region. An
// error is a configuration the SDK refuses (a profile that does not
// exist, a role without its source); a chain that finds no credentials
// fails when they are retrieved.
func (a *AWS) Credentials(ctx context.Context, region string) (aws.CredentialsProvider, error) {
	a.mu.Lock()
	c := a.regions[region]
	if c == nil {
		if a.regions == nil {
			a.regions = map[string]*awsChain{}
		}
		c = &awsChain{}
		a.regions[region] = c
	}
	load := a.Load
	a.mu.Unlock()
	if load == nil {
		load = loadDefaultConfig
	}
	c.once.Do(func() {
		cfg, err := load(context.WithoutCancel(ctx), region)
		switch {
		case err != nil:
			c.err = fmt.Errorf("AWS configuration: %v", err)
		case cfg.Credentials == nil:
			c.err = fmt.Errorf("AWS configuration: no credential source")
		default:
			c.creds = cfg.Credentials
		}
	})
	return c.creds, c.err
}

// noCredentials says why an AWS call could not be signed: the SDK's
// chain found nothing, or what it found failed.
func noCredentials(err error) string {
	msg := err.Error()
	if strings.Contains(msg, "no EC2 IMDS role found") || strings.Contains(msg, "failed to refresh cached credentials") {
		return "no AWS credentials from the SDK's default chain (environment, profile with keys, SSO, role or " +
			"credential_process, web identity, ECS/Pod Identity, EC2 instance role): " + msg
	}
	return "AWS credentials: " + msg
}

// awsDomain is the DNS suffix of region's partition.
func awsDomain(region string) string {
	if strings.HasPrefix(region, "cn-") {
		return "amazonaws.com.cn"
	}
	return "amazonaws.com"
}

func orEnv(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

package creds

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/credentials/ec2rolecreds"
	"github.com/aws/aws-sdk-go-v2/credentials/endpointcreds"
	"github.com/aws/aws-sdk-go-v2/credentials/processcreds"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"
)

// AWSCredentials is the AWS default credential chain as far as the ECR
// login needs it, built from aws-sdk-go-v2's own providers, in the SDK's
// order, the first source that is configured answering:
//
//  1. env: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN
//     (Lambda's execution role comes this way);
//  2. the shared files' profile (AWS_PROFILE, else default; AWS_CONFIG_FILE,
//     AWS_SHARED_CREDENTIALS_FILE): static keys or credential_process;
//  3. web identity (AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN: EKS, with
//     sts:AssumeRoleWithWebIdentity);
//  4. the container endpoint (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or
//     _FULL_URI, with AWS_CONTAINER_AUTHORIZATION_TOKEN[_FILE]: ECS, and
//     EKS Pod Identity);
//  5. the EC2 instance role through IMDSv2, unless AWS_EC2_METADATA_DISABLED.
//
// Profiles that assume a role (role_arn) or sign in with SSO are refused
// with a clear error rather than resolved: export their keys first (aws
// configure export-credentials --format env) or leave ECR to
// docker-credential-ecr-login in docker's config.json. Not linking the
// SDK's config package and its STS, SSO and OIDC clients keeps every
// imagesync binary 3 MB smaller in memory (BENCHMARKS-registry.md).
// region is the STS region for web identity.
func AWSCredentials(getenv func(string) string, region string) (aws.CredentialsProvider, error) {
	if id := getenv("AWS_ACCESS_KEY_ID"); id != "" {
		secret := getenv("AWS_SECRET_ACCESS_KEY")
		if secret == "" {
			return nil, errors.New("AWS_ACCESS_KEY_ID is set without AWS_SECRET_ACCESS_KEY")
		}
		return credentials.NewStaticCredentialsProvider(id, secret, getenv("AWS_SESSION_TOKEN")), nil
	}
	if p, err := profileCredentials(getenv); p != nil || err != nil {
		return p, err
	}
	if file, role := getenv("AWS_WEB_IDENTITY_TOKEN_FILE"), getenv("AWS_ROLE_ARN"); file != "" && role != "" {
		return aws.NewCredentialsCache(&webIdentity{getenv: getenv, region: region, tokenFile: file, role: role}), nil
	}
	if p := containerCredentials(getenv); p != nil {
		return aws.NewCredentialsCache(p), nil
	}
	if strings.EqualFold(getenv("AWS_EC2_METADATA_DISABLED"), "true") {
		return nil, errors.New("no AWS credentials: no keys in the environment, no profile, no web identity, no container role, and IMDS is disabled")
	}
	return aws.NewCredentialsCache(ec2rolecreds.New(func(o *ec2rolecreds.Options) {
		o.Client = imds.New(imds.Options{Endpoint: getenv("AWS_EC2_METADATA_SERVICE_ENDPOINT")})
	})), nil
}

// profileCredentials reads the profile from the shared credentials and
// config files; nil, nil when neither file has it.
func profileCredentials(getenv func(string) string) (aws.CredentialsProvider, error) {
	name := getenv("AWS_PROFILE")
	if name == "" {
		name = "default"
	}
	home, _ := os.UserHomeDir()
	credFile := orEnv(getenv, "AWS_SHARED_CREDENTIALS_FILE", home+"/.aws/credentials")
	confFile := orEnv(getenv, "AWS_CONFIG_FILE", home+"/.aws/config")
	keys := map[string]string{}
	found := false
	for _, f := range []struct{ path, section string }{
		{confFile, profileSection(name)}, {credFile, name}, // credentials win over config
	} {
		raw, err := os.ReadFile(f.path)
		if err != nil {
			continue
		}
		if s, ok := iniSection(string(raw), f.section); ok {
			found = true
			for k, v := range s {
				keys[k] = v
			}
		}
	}
	switch {
	case !found:
		if getenv("AWS_PROFILE") != "" {
			return nil, fmt.Errorf("AWS profile %q is in neither %s nor %s", name, credFile, confFile)
		}
		return nil, nil
	case keys["aws_access_key_id"] != "" && keys["aws_secret_access_key"] != "":
		return credentials.NewStaticCredentialsProvider(keys["aws_access_key_id"], keys["aws_secret_access_key"], keys["aws_session_token"]), nil
	case keys["credential_process"] != "":
		return aws.NewCredentialsCache(processcreds.NewProvider(keys["credential_process"])), nil
	case keys["role_arn"] != "" || keys["sso_session"] != "" || keys["sso_start_url"] != "" || keys["login_session"] != "":
		return nil, fmt.Errorf("AWS profile %q assumes a role or signs in with SSO, which imagesync does not resolve: "+
			"export its keys (aws configure export-credentials --profile %s --format env) or use docker-credential-ecr-login", name, name)
	}
	if getenv("AWS_PROFILE") != "" {
		return nil, fmt.Errorf("AWS profile %q has no keys and no credential_process", name)
	}
	return nil, nil // a default profile holding only settings (region, output)
}

func profileSection(name string) string {
	if name == "default" {
		return "default"
	}
	return "profile " + name
}

// iniSection returns the keys of [section] in an AWS shared file: key =
// value lines, # and ; comments; indented lines continue a nested block
// (s3 = ...), which is skipped.
func iniSection(text, section string) (map[string]string, bool) {
	var keys map[string]string
	in := false
	for _, line := range strings.Split(text, "\n") {
		nested := len(line) > 0 && (line[0] == ' ' || line[0] == '\t')
		line = strings.TrimSpace(line)
		switch {
		case line == "" || line[0] == '#' || line[0] == ';':
		case line[0] == '[' && strings.HasSuffix(line, "]"):
			in = strings.Join(strings.Fields(line[1:len(line)-1]), " ") == section
			if in && keys == nil {
				keys = map[string]string{}
			}
		case in && !nested:
			if k, v, ok := strings.Cut(line, "="); ok {
				keys[strings.ToLower(strings.TrimSpace(k))] = strings.TrimSpace(v)
			}
		}
	}
	return keys, keys != nil
}

// containerCredentials is ECS's (and EKS Pod Identity's) credential
// endpoint, when the environment names one.
func containerCredentials(getenv func(string) string) aws.CredentialsProvider {
	endpoint := getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI")
	if rel := getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"); rel != "" {
		endpoint = "http://169.254.170.2" + rel
	}
	if endpoint == "" {
		return nil
	}
	return endpointcreds.New(endpoint, func(o *endpointcreds.Options) {
		o.AuthorizationToken = getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN")
		if f := getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"); f != "" {
			o.AuthorizationTokenProvider = endpointcreds.TokenProviderFunc(func() (string, error) {
				b, err := os.ReadFile(f)
				return strings.TrimSpace(string(b)), err
			})
		}
	})
}

func orEnv(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

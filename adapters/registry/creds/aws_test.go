package creds_test

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/imagesync/imagesync/adapters/registry/creds"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// awsVars are every variable of the AWS SDK the tests set or clear.
var awsVars = []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
	"AWS_REGION", "AWS_DEFAULT_REGION", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_WEB_IDENTITY_TOKEN_FILE",
	"AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
	"AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AWS_EC2_METADATA_DISABLED",
	"AWS_EC2_METADATA_SERVICE_ENDPOINT", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_SSO", "AWS_ENDPOINT_URL_ECR"}

// awsEnv sets the process environment the SDK reads to m, with HOME an
// empty folder, no shared files and IMDS off unless m says otherwise, and
// returns a getenv over it.
func awsEnv(t *testing.T, m map[string]string) func(string) string {
	t.Helper()
	base := map[string]string{"HOME": t.TempDir(), "AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
		"AWS_EC2_METADATA_DISABLED": "true"}
	for k, v := range m {
		base[k] = v
	}
	for _, k := range append(awsVars, "HOME") {
		t.Setenv(k, base[k])
	}
	return func(k string) string { return base[k] }
}

func retrieve(t *testing.T) (string, string, error) {
	t.Helper()
	p, err := creds.NewAWS().Credentials(context.Background(), "eu-west-1")
	if err != nil {
		return "", "", err
	}
	c, err := p.Retrieve(context.Background())
	return c.AccessKeyID, c.SessionToken, err
}

func TestAWSChainFromEnv(t *testing.T) {
	awsEnv(t, map[string]string{"AWS_ACCESS_KEY_ID": "AKENV", "AWS_SECRET_ACCESS_KEY": "s", "AWS_SESSION_TOKEN": "t"})
	id, tok, err := retrieve(t)
	require.NoError(t, err)
	assert.Equal(t, "AKENV", id)
	assert.Equal(t, "t", tok)
}

// stsEmulator answers AssumeRole, signed by AKBASE (the source profile's
// key), and AssumeRoleWithWebIdentity for the token "jwt".
func stsEmulator(t *testing.T) string {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		fail := func(code string) {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(w, `<ErrorResponse><Error><Type>Sender</Type><Code>%s</Code><Message>refused</Message></Error></ErrorResponse>`, code)
		}
		exp := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
		switch action := r.Form.Get("Action"); {
		case r.Form.Get("RoleArn") != "arn:aws:iam::123456789012:role/sync" || r.Form.Get("RoleSessionName") == "":
			fail("InvalidParameterValue")
		case action == "AssumeRole" && strings.Contains(r.Header.Get("Authorization"), "Credential=AKBASE/"):
			fmt.Fprintf(w, `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
<Credentials><AccessKeyId>ASIAROLE</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>rt</SessionToken><Expiration>%s</Expiration></Credentials>
<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/sync/x</Arn><AssumedRoleId>AROA:x</AssumedRoleId></AssumedRoleUser>
</AssumeRoleResult></AssumeRoleResponse>`, exp)
		case action == "AssumeRoleWithWebIdentity" && r.Form.Get("WebIdentityToken") == "jwt":
			fmt.Fprintf(w, `<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleWithWebIdentityResult>
<Credentials><AccessKeyId>ASIAWEB</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>wt</SessionToken><Expiration>%s</Expiration></Credentials>
</AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>`, exp)
		default:
			fail("AccessDenied")
		}
	}))
	t.Cleanup(s.Close)
	return s.URL
}

// ssoEmulator answers GetRoleCredentials for the cached token "sso-token".
func ssoEmulator(t *testing.T) string {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if r.URL.Path != "/federation/credentials" || r.Header.Get("X-Amz-Sso_bearer_token") != "sso-token" ||
			q.Get("account_id") != "123456789012" || q.Get("role_name") != "Sync" {
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"message":"Session token not found or invalid"}`)
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"roleCredentials": map[string]any{"accessKeyId": "ASIASSO",
			"secretAccessKey": "s", "sessionToken": "st", "expiration": time.Now().Add(time.Hour).UnixMilli()}})
	}))
	t.Cleanup(s.Close)
	return s.URL
}

func TestAWSChainFromProfiles(t *testing.T) {
	dir := t.TempDir()
	conf, cred := filepath.Join(dir, "config"), filepath.Join(dir, "credentials")
	process := filepath.Join(dir, "process.sh")
	require.NoError(t, os.WriteFile(process, []byte(`#!/bin/sh
echo '{"Version": 1, "AccessKeyId": "AKPROC", "SecretAccessKey": "s", "SessionToken": "pt", "Expiration": "`+
		time.Now().Add(time.Hour).UTC().Format(time.RFC3339)+`"}'
`), 0o700))
	const startURL = "https://corp.awsapps.com/start"
	require.NoError(t, os.WriteFile(conf, []byte(`[profile default]
region = eu-west-1
aws_access_key_id = AKDEFAULT
aws_secret_access_key = s
[profile proc]
credential_process = `+process+`
[profile base]
aws_access_key_id = AKBASE
aws_secret_access_key = base-secret
[profile role]
role_arn = arn:aws:iam::123456789012:role/sync
source_profile = base
[profile sso]
sso_start_url = `+startURL+`
sso_region = eu-west-1
sso_account_id = 123456789012
sso_role_name = Sync
region = eu-west-1
`), 0o600))
	require.NoError(t, os.WriteFile(cred, []byte("[keys]\naws_access_key_id = AKFILE\naws_secret_access_key = s\n"), 0o600))
	home := t.TempDir()
	sum := sha1.Sum([]byte(startURL))
	cache := filepath.Join(home, ".aws", "sso", "cache", hex.EncodeToString(sum[:])+".json")
	require.NoError(t, os.MkdirAll(filepath.Dir(cache), 0o700))
	require.NoError(t, os.WriteFile(cache, []byte(`{"accessToken": "sso-token", "expiresAt": "`+
		time.Now().Add(time.Hour).UTC().Format(time.RFC3339)+`", "region": "eu-west-1", "startUrl": "`+startURL+`"}`), 0o600))
	sts, sso := stsEmulator(t), ssoEmulator(t)

	for _, tc := range []struct{ profile, id, token string }{
		{"", "AKDEFAULT", ""}, // [profile default] in the config file
		{"keys", "AKFILE", ""},
		{"proc", "AKPROC", "pt"},
		{"role", "ASIAROLE", "rt"}, // sts:AssumeRole signed with the source profile's keys
		{"sso", "ASIASSO", "st"},   // the token `aws sso login` cached, traded at SSO
	} {
		t.Run("profile "+tc.profile, func(t *testing.T) {
			awsEnv(t, map[string]string{"AWS_CONFIG_FILE": conf, "AWS_SHARED_CREDENTIALS_FILE": cred, "AWS_PROFILE": tc.profile,
				"HOME": home, "AWS_ENDPOINT_URL_STS": sts, "AWS_ENDPOINT_URL_SSO": sso})
			id, tok, err := retrieve(t)
			require.NoError(t, err)
			assert.Equal(t, tc.id, id)
			assert.Equal(t, tc.token, tok)
		})
	}

	awsEnv(t, map[string]string{"AWS_CONFIG_FILE": conf, "AWS_SHARED_CREDENTIALS_FILE": cred, "AWS_PROFILE": "nope"})
	_, err := creds.NewAWS().Credentials(context.Background(), "eu-west-1")
	assert.ErrorContains(t, err, "nope", "a profile that does not exist is refused")
}

func TestAWSChainFromWebIdentity(t *testing.T) {
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "good"), filepath.Join(dir, "bad")
	require.NoError(t, os.WriteFile(good, []byte("jwt"), 0o600))
	require.NoError(t, os.WriteFile(bad, []byte("forged"), 0o600))
	m := map[string]string{"AWS_WEB_IDENTITY_TOKEN_FILE": good, "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/sync", "AWS_ENDPOINT_URL_STS": stsEmulator(t)}
	awsEnv(t, m)
	id, tok, err := retrieve(t)
	require.NoError(t, err)
	assert.Equal(t, "ASIAWEB", id)
	assert.Equal(t, "wt", tok)

	m["AWS_WEB_IDENTITY_TOKEN_FILE"] = bad
	awsEnv(t, m)
	_, _, err = retrieve(t)
	assert.ErrorContains(t, err, "AccessDenied")
}

func TestAWSChainFromTheContainerEndpoint(t *testing.T) {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "ecs-token" || r.URL.Path != "/creds" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]string{"AccessKeyId": "ASIAECS", "SecretAccessKey": "s", "Token": "et",
			"Expiration": time.Now().Add(time.Hour).UTC().Format(time.RFC3339)})
	}))
	defer s.Close()
	awsEnv(t, map[string]string{"AWS_CONTAINER_CREDENTIALS_FULL_URI": s.URL + "/creds", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "ecs-token"})
	id, tok, err := retrieve(t)
	require.NoError(t, err)
	assert.Equal(t, "ASIAECS", id)
	assert.Equal(t, "et", tok)
}

// imdsEmulator is the EC2 instance role through IMDSv2: a session token
// first, then the role's name, then its credentials.
func imdsEmulator(t *testing.T) string {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodPut && r.URL.Path == "/latest/api/token":
			w.Header().Set("X-Aws-Ec2-Metadata-Token-Ttl-Seconds", "21600")
			fmt.Fprint(w, "imds-token")
		case r.Header.Get("X-Aws-Ec2-Metadata-Token") != "imds-token":
			w.WriteHeader(http.StatusUnauthorized)
		case r.URL.Path == "/latest/meta-data/iam/security-credentials/":
			fmt.Fprint(w, "sync-role")
		case r.URL.Path == "/latest/meta-data/iam/security-credentials/sync-role":
			_ = json.NewEncoder(w).Encode(map[string]string{"Code": "Success", "AccessKeyId": "ASIAEC2", "SecretAccessKey": "SKEC2",
				"Token": "it", "Expiration": time.Now().Add(time.Hour).UTC().Format(time.RFC3339)})
		default:
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	t.Cleanup(s.Close)
	return s.URL
}

func TestAWSChainFromIMDS(t *testing.T) {
	awsEnv(t, map[string]string{"AWS_EC2_METADATA_DISABLED": "", "AWS_EC2_METADATA_SERVICE_ENDPOINT": imdsEmulator(t)})
	id, tok, err := retrieve(t)
	require.NoError(t, err)
	assert.Equal(t, "ASIAEC2", id)
	assert.Equal(t, "it", tok)
}

func TestAWSChainIsLoadedLazilyOncePerRegion(t *testing.T) {
	awsEnv(t, map[string]string{"AWS_ACCESS_KEY_ID": "AK", "AWS_SECRET_ACCESS_KEY": "s"})
	loads := map[string]int{}
	a := creds.NewAWS()
	a.Load = func(ctx context.Context, region string) (aws.Config, error) {
		loads[region]++
		return config.LoadDefaultConfig(ctx, config.WithDefaultRegion(region))
	}
	assert.Empty(t, loads, "nothing is loaded before the first ECR host")
	for _, r := range []string{"eu-west-1", "eu-west-1", "us-east-1"} {
		_, err := a.Credentials(context.Background(), r)
		require.NoError(t, err)
	}
	assert.Equal(t, map[string]int{"eu-west-1": 1, "us-east-1": 1}, loads)
}

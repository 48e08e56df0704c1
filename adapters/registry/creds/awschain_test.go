package creds_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/registry/creds"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func retrieve(t *testing.T, m map[string]string) (string, string, error) {
	t.Helper()
	p, err := creds.AWSCredentials(env(m), "eu-west-1")
	if err != nil {
		return "", "", err
	}
	c, err := p.Retrieve(context.Background())
	return c.AccessKeyID, c.SessionToken, err
}

func TestAWSCredentialsFromEnv(t *testing.T) {
	id, tok, err := retrieve(t, map[string]string{"AWS_ACCESS_KEY_ID": "AKENV", "AWS_SECRET_ACCESS_KEY": "s", "AWS_SESSION_TOKEN": "t"})
	require.NoError(t, err)
	assert.Equal(t, "AKENV", id)
	assert.Equal(t, "t", tok)
	_, _, err = retrieve(t, map[string]string{"AWS_ACCESS_KEY_ID": "AKENV"})
	assert.ErrorContains(t, err, "without AWS_SECRET_ACCESS_KEY")
}

func TestAWSCredentialsFromProfiles(t *testing.T) {
	dir := t.TempDir()
	conf, cred := filepath.Join(dir, "config"), filepath.Join(dir, "credentials")
	process := filepath.Join(dir, "process.sh")
	require.NoError(t, os.WriteFile(process, []byte(`#!/bin/sh
echo '{"Version": 1, "AccessKeyId": "AKPROC", "SecretAccessKey": "s", "SessionToken": "pt", "Expiration": "`+
		time.Now().Add(time.Hour).UTC().Format(time.RFC3339)+`"}'
`), 0o700))
	require.NoError(t, os.WriteFile(conf, []byte(`[default]
region = eu-west-1
[profile proc]
credential_process = `+process+`
[profile role]
role_arn = arn:aws:iam::123456789012:role/x
source_profile = default
[profile sso]
sso_session = corp
[profile  keys ]
s3 =
  max_concurrent_requests = 4
aws_access_key_id = AKCONF
aws_secret_access_key = from-config
`), 0o600))
	require.NoError(t, os.WriteFile(cred, []byte("# keys\n[keys]\naws_access_key_id = AKFILE\naws_secret_access_key = s\n; done\n"), 0o600))
	files := func(profile string) map[string]string {
		return map[string]string{"AWS_CONFIG_FILE": conf, "AWS_SHARED_CREDENTIALS_FILE": cred, "AWS_PROFILE": profile}
	}

	id, _, err := retrieve(t, files("keys"))
	require.NoError(t, err)
	assert.Equal(t, "AKFILE", id, "the credentials file wins over the config file")

	id, tok, err := retrieve(t, files("proc"))
	require.NoError(t, err)
	assert.Equal(t, "AKPROC", id)
	assert.Equal(t, "pt", tok)

	for _, p := range []string{"role", "sso"} {
		_, _, err = retrieve(t, files(p))
		assert.ErrorContains(t, err, "export its keys", p)
	}
	_, _, err = retrieve(t, files("nope"))
	assert.ErrorContains(t, err, `profile "nope" is in neither`)

	// A default profile with settings only falls through to the next
	// source, here none.
	_, _, err = retrieve(t, files(""))
	assert.ErrorContains(t, err, "no AWS credentials")
}

// stsEmulator answers AssumeRoleWithWebIdentity for the token "jwt".
func stsEmulator(t *testing.T) string {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		if r.Form.Get("Action") != "AssumeRoleWithWebIdentity" || r.Form.Get("Version") != "2011-06-15" ||
			r.Form.Get("RoleArn") != "arn:aws:iam::123456789012:role/sync" || r.Form.Get("RoleSessionName") == "" ||
			r.Header.Get("Authorization") != "" {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `<ErrorResponse><Error><Code>InvalidParameterValue</Code><Message>bad call</Message></Error></ErrorResponse>`)
			return
		}
		if r.Form.Get("WebIdentityToken") != "jwt" {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `<ErrorResponse><Error><Code>InvalidIdentityToken</Code><Message>no</Message></Error></ErrorResponse>`)
			return
		}
		fmt.Fprintf(w, `<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>ASIAWEB</AccessKeyId><SecretAccessKey>s</SecretAccessKey>
  <SessionToken>wt</SessionToken><Expiration>%s</Expiration></Credentials></AssumeRoleWithWebIdentityResult>
</AssumeRoleWithWebIdentityResponse>`, time.Now().Add(time.Hour).UTC().Format(time.RFC3339))
	}))
	t.Cleanup(s.Close)
	return s.URL
}

func TestAWSCredentialsFromWebIdentity(t *testing.T) {
	dir := t.TempDir()
	good, bad := filepath.Join(dir, "good"), filepath.Join(dir, "bad")
	require.NoError(t, os.WriteFile(good, []byte("jwt\n"), 0o600))
	require.NoError(t, os.WriteFile(bad, []byte("forged"), 0o600))
	sts := stsEmulator(t)
	m := map[string]string{"AWS_WEB_IDENTITY_TOKEN_FILE": good, "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/sync", "AWS_ENDPOINT_URL_STS": sts}
	id, tok, err := retrieve(t, m)
	require.NoError(t, err)
	assert.Equal(t, "ASIAWEB", id)
	assert.Equal(t, "wt", tok)

	m["AWS_WEB_IDENTITY_TOKEN_FILE"] = bad
	_, _, err = retrieve(t, m)
	assert.ErrorContains(t, err, "InvalidIdentityToken")
}

func TestAWSCredentialsFromTheContainerEndpoint(t *testing.T) {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "ecs-token" || r.URL.Path != "/creds" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]string{"AccessKeyId": "ASIAECS", "SecretAccessKey": "s", "Token": "et",
			"Expiration": time.Now().Add(time.Hour).UTC().Format(time.RFC3339)})
	}))
	defer s.Close()
	id, tok, err := retrieve(t, map[string]string{"AWS_CONTAINER_CREDENTIALS_FULL_URI": s.URL + "/creds", "AWS_CONTAINER_AUTHORIZATION_TOKEN": "ecs-token"})
	require.NoError(t, err)
	assert.Equal(t, "ASIAECS", id)
	assert.Equal(t, "et", tok)
}

// The EC2 instance role through IMDSv2: a session token first, then the
// role's name, then its credentials.
func TestAWSCredentialsFromIMDS(t *testing.T) {
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
			_ = json.NewEncoder(w).Encode(map[string]string{"Code": "Success", "AccessKeyId": "ASIAEC2", "SecretAccessKey": "s",
				"Token": "it", "Expiration": time.Now().Add(time.Hour).UTC().Format(time.RFC3339)})
		default:
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	defer s.Close()
	id, tok, err := retrieve(t, map[string]string{"AWS_EC2_METADATA_DISABLED": "", "AWS_EC2_METADATA_SERVICE_ENDPOINT": s.URL})
	require.NoError(t, err)
	assert.Equal(t, "ASIAEC2", id)
	assert.Equal(t, "it", tok)
}

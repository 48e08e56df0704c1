package infra

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/imagesync/imagesync/adapters/registry"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const ecrTestHost = "123456789012.dkr.ecr.eu-west-1.amazonaws.com"

// imdsAndECR serve the EC2 instance role (IMDSv2) and an ECR API that
// logs in only requests signed with that role's key.
func imdsAndECR(t *testing.T) (imds, ecr string) {
	i := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/latest/api/token":
			fmt.Fprint(w, "tok")
		case "/latest/meta-data/iam/security-credentials/":
			fmt.Fprint(w, "role")
		case "/latest/meta-data/iam/security-credentials/role":
			_ = json.NewEncoder(w).Encode(map[string]string{"Code": "Success", "AccessKeyId": "ASIAEC2", "SecretAccessKey": "s",
				"Token": "t", "Expiration": time.Now().Add(time.Hour).UTC().Format(time.RFC3339)})
		default:
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	e := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Authorization"), "Credential=ASIAEC2/") {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"__type":"UnrecognizedClientException","message":"invalid token"}`)
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"authorizationData": []any{map[string]any{
			"authorizationToken": base64.StdEncoding.EncodeToString([]byte("AWS:from-imds")),
			"expiresAt":          time.Now().Add(12 * time.Hour).Unix()}}})
	}))
	t.Cleanup(i.Close)
	t.Cleanup(e.Close)
	return i.URL, e.URL
}

// cleanAWS leaves the SDK nothing but what m sets: no keys, no profile,
// no shared files, an empty docker config.
func cleanAWS(t *testing.T, m map[string]string) {
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION",
		"AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
		"AWS_LAMBDA_FUNCTION_NAME", "AWS_ENDPOINT_URL", "K_SERVICE", "GCE_METADATA_HOST"} {
		t.Setenv(k, "")
	}
	t.Setenv("HOME", t.TempDir())
	t.Setenv("DOCKER_CONFIG", t.TempDir())
	t.Setenv("AWS_CONFIG_FILE", "/nonexistent")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	for k, v := range m {
		t.Setenv(k, v)
	}
}

func keychain(t *testing.T) authn.Keychain {
	chains, _, err := cloudLogins(RegistryConfig{}, registry.Hosts{})
	require.NoError(t, err)
	return authn.NewMultiKeychain(append(chains, authn.DefaultKeychain)...)
}

// No variable names AWS (awsIdentity used to leave the ECR login out
// then): an ECR host is logged into with the EC2 instance role.
func TestECRLoginWithIMDSOnlyThroughTheWiring(t *testing.T) {
	imds, ecr := imdsAndECR(t)
	cleanAWS(t, map[string]string{"AWS_EC2_METADATA_DISABLED": "", "AWS_EC2_METADATA_SERVICE_ENDPOINT": imds, "AWS_ENDPOINT_URL_ECR": ecr})
	reg, _ := name.NewRegistry(ecrTestHost)
	a, err := keychain(t).Resolve(reg)
	require.NoError(t, err)
	cfg, err := a.Authorization()
	require.NoError(t, err)
	assert.Equal(t, "from-imds", cfg.Password)
}

func TestECRLoginWithoutCredentialsNamesTheHost(t *testing.T) {
	_, ecr := imdsAndECR(t)
	cleanAWS(t, map[string]string{"AWS_ENDPOINT_URL_ECR": ecr})
	reg, _ := name.NewRegistry(ecrTestHost)
	_, err := keychain(t).Resolve(reg)
	require.Error(t, err)
	assert.Contains(t, err.Error(), ecrTestHost)
	assert.Contains(t, err.Error(), "no AWS credentials")

	other, _ := name.NewRegistry("ghcr.io")
	a, err := keychain(t).Resolve(other)
	require.NoError(t, err, "other hosts never load the AWS chain")
	assert.Equal(t, authn.Anonymous, a)
}

// docker's config.json (an entry, or docker-credential-ecr-login) answers
// for an ECR host before the SDK's chain.
func TestECRHostInDockerConfigWins(t *testing.T) {
	cleanAWS(t, nil)
	auth := base64.StdEncoding.EncodeToString([]byte("AWS:from-docker-config"))
	require.NoError(t, os.WriteFile(filepath.Join(os.Getenv("DOCKER_CONFIG"), "config.json"),
		[]byte(`{"auths": {"`+ecrTestHost+`": {"auth": "`+auth+`"}}}`), 0o600))
	reg, _ := name.NewRegistry(ecrTestHost)
	a, err := keychain(t).Resolve(reg)
	require.NoError(t, err)
	cfg, _ := a.Authorization()
	assert.Equal(t, "from-docker-config", cfg.Password)
}

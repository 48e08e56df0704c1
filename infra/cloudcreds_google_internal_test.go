package infra

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const garTestHost = "europe-west1-docker.pkg.dev"

// cleanGoogle leaves Application Default Credentials only what m sets: no
// credentials file, no gcloud configuration, no metadata server, an empty
// docker config.
func cleanGoogle(t *testing.T, m map[string]string) {
	for _, k := range []string{"GOOGLE_APPLICATION_CREDENTIALS", "GCE_METADATA_HOST", "CLOUDSDK_CONFIG", "K_SERVICE"} {
		t.Setenv(k, "")
	}
	t.Setenv("HOME", t.TempDir())
	t.Setenv("DOCKER_CONFIG", t.TempDir())
	for k, v := range m {
		t.Setenv(k, v)
	}
}

// tokenEndpoint stands in for Google's OAuth2 token endpoint: a JWT bearer
// assertion signed by key (a service account), or a refresh token
// (gcloud's authorized user), buys access token tok.
func tokenEndpoint(t *testing.T, key *rsa.PublicKey, tok string, calls *atomic.Int64) string {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		require.NoError(t, r.ParseForm())
		switch r.Form.Get("grant_type") {
		case "urn:ietf:params:oauth:grant-type:jwt-bearer":
			parts := strings.Split(r.Form.Get("assertion"), ".")
			sig, err := base64.RawURLEncoding.DecodeString(parts[len(parts)-1])
			sum := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
			if len(parts) != 3 || err != nil || rsa.VerifyPKCS1v15(key, crypto.SHA256, sum[:], sig) != nil {
				http.Error(w, `{"error":"invalid_grant"}`, http.StatusBadRequest)
				return
			}
		case "refresh_token":
			if r.Form.Get("refresh_token") != "refresh-me" || r.Form.Get("client_secret") != "client-secret" {
				http.Error(w, `{"error":"invalid_grant"}`, http.StatusBadRequest)
				return
			}
		default:
			http.Error(w, `{"error":"unsupported_grant_type"}`, http.StatusBadRequest)
			return
		}
		calls.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"access_token": tok, "expires_in": 3600, "token_type": "Bearer"})
	}))
	t.Cleanup(s.Close)
	return s.URL + "/token"
}

func writeJSON(t *testing.T, path string, v any) string {
	b, err := json.Marshal(v)
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o700))
	require.NoError(t, os.WriteFile(path, b, 0o600))
	return path
}

// serviceAccountJSON writes a service account's key file whose token_uri
// is tokenURI.
func serviceAccountJSON(t *testing.T, key *rsa.PrivateKey, tokenURI string) string {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	require.NoError(t, err)
	return writeJSON(t, filepath.Join(t.TempDir(), "sa.json"), map[string]string{"type": "service_account",
		"client_email": "sync@proj.iam.gserviceaccount.com", "private_key_id": "k1", "project_id": "proj",
		"private_key": string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})), "token_uri": tokenURI})
}

func rsaKey(t *testing.T) *rsa.PrivateKey {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	require.NoError(t, err)
	return key
}

func googleLogin(t *testing.T, kc authn.Keychain) (*authn.AuthConfig, error) {
	reg, err := name.NewRegistry(garTestHost)
	require.NoError(t, err)
	a, err := kc.Resolve(reg)
	if err != nil {
		return nil, err
	}
	return a.Authorization()
}

// Artifact Registry and GCR logins take Application Default Credentials
// (golang.org/x/oauth2/google), each source against a loopback stand-in:
// a service-account JSON named by GOOGLE_APPLICATION_CREDENTIALS, gcloud's
// well-known file with an authorized user, then the metadata server. The
// token is cached; a process that names no Google host asks nothing.
func TestGoogleLoginWithApplicationDefaultCredentials(t *testing.T) {
	t.Run("service account file", func(t *testing.T) {
		var calls atomic.Int64
		key := rsaKey(t)
		uri := tokenEndpoint(t, &key.PublicKey, "ya29.service-account", &calls)
		cleanGoogle(t, map[string]string{"GOOGLE_APPLICATION_CREDENTIALS": serviceAccountJSON(t, key, uri)})
		kc := keychain(t)
		other, _ := name.NewRegistry("ghcr.io")
		_, err := kc.Resolve(other)
		require.NoError(t, err)
		assert.Zero(t, calls.Load(), "no Google host named: no token asked")
		for range 2 {
			cfg, err := googleLogin(t, kc)
			require.NoError(t, err)
			assert.Equal(t, authn.AuthConfig{Username: "oauth2accesstoken", Password: "ya29.service-account"}, *cfg)
		}
		assert.EqualValues(t, 1, calls.Load(), "cached")
	})
	t.Run("gcloud's well-known file", func(t *testing.T) {
		var calls atomic.Int64
		cleanGoogle(t, nil)
		uri := tokenEndpoint(t, nil, "ya29.user", &calls)
		writeJSON(t, filepath.Join(os.Getenv("HOME"), ".config", "gcloud", "application_default_credentials.json"),
			map[string]string{"type": "authorized_user", "client_id": "cid", "client_secret": "client-secret",
				"refresh_token": "refresh-me", "token_uri": uri})
		cfg, err := googleLogin(t, keychain(t))
		require.NoError(t, err)
		assert.Equal(t, "ya29.user", cfg.Password)
	})
	t.Run("metadata server", func(t *testing.T) {
		var calls atomic.Int64
		md := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("Metadata-Flavor") != "Google" {
				http.Error(w, "missing flavor", http.StatusForbidden)
				return
			}
			switch r.URL.Path {
			case "/computeMetadata/v1/instance/service-accounts/default/token":
				calls.Add(1)
				w.Header().Set("Content-Type", "application/json")
				_ = json.NewEncoder(w).Encode(map[string]any{"access_token": "ya29.metadata", "expires_in": 3599, "token_type": "Bearer"})
			case "/computeMetadata/v1/project/project-id":
				w.Write([]byte("proj"))
			default:
				http.NotFound(w, r)
			}
		}))
		t.Cleanup(md.Close)
		cleanGoogle(t, map[string]string{"GCE_METADATA_HOST": strings.TrimPrefix(md.URL, "http://")})
		cfg, err := googleLogin(t, keychain(t))
		require.NoError(t, err)
		assert.Equal(t, "ya29.metadata", cfg.Password)
		assert.EqualValues(t, 1, calls.Load())
	})
}

// docker's config (an entry, or gcloud's credential helper) answers for a
// Google host before Application Default Credentials; a credentials file
// that is named but unreadable is an error, not an anonymous pull.
func TestGoogleLoginOrder(t *testing.T) {
	var calls atomic.Int64
	key := rsaKey(t)
	uri := tokenEndpoint(t, &key.PublicKey, "ya29.unused", &calls)
	cleanGoogle(t, map[string]string{"GOOGLE_APPLICATION_CREDENTIALS": serviceAccountJSON(t, key, uri)})
	auth := base64.StdEncoding.EncodeToString([]byte("_json_key:from-docker-config"))
	require.NoError(t, os.WriteFile(filepath.Join(os.Getenv("DOCKER_CONFIG"), "config.json"),
		[]byte(`{"auths": {"`+garTestHost+`": {"auth": "`+auth+`"}}}`), 0o600))
	cfg, err := googleLogin(t, keychain(t))
	require.NoError(t, err)
	assert.Equal(t, "from-docker-config", cfg.Password)
	assert.Zero(t, calls.Load())

	cleanGoogle(t, map[string]string{"GOOGLE_APPLICATION_CREDENTIALS": filepath.Join(t.TempDir(), "missing.json")})
	_, err = googleLogin(t, keychain(t))
	require.Error(t, err)
	assert.Contains(t, err.Error(), garTestHost)
	assert.Contains(t, err.Error(), "GOOGLE_APPLICATION_CREDENTIALS")
}

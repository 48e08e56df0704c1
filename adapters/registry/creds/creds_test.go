package creds_test

import (
	"context"
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
	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/creds"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// swrEmulator answers CreateSecret for signed requests with user:pass.
func swrEmulator(t *testing.T, user, pass string, calls *atomic.Int64) string {
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/v2/manage/utils/secret" ||
			!strings.HasPrefix(r.Header.Get("Authorization"), "SDK-HMAC-SHA256 Access=AKTEST") {
			http.Error(w, `{"error_code":"SVCSTG.SWR.4010000","error_msg":"bad request"}`, http.StatusUnauthorized)
			return
		}
		calls.Add(1)
		auth := base64.StdEncoding.EncodeToString([]byte(user + ":" + pass))
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"auths": map[string]any{"swr.cn-north-4.myhuaweicloud.com": map[string]string{"auth": auth}}})
	}))
	t.Cleanup(s.Close)
	return s.URL
}

func TestSWRLoginCachedAndUsedForACopy(t *testing.T) {
	var calls atomic.Int64
	api := swrEmulator(t, "cn-north-4@AKTEST", "derived-login", &calls)
	k := creds.SWR(creds.HuaweiKeys{AK: "AKTEST", SK: "SKSECRET"}.Source(), func(string) string { return api }, nil)
	now := time.Now()
	k.Now = func() time.Time { return now }
	swr, err := name.NewRegistry("swr.cn-north-4.myhuaweicloud.com")
	require.NoError(t, err)
	for range 3 {
		a, err := k.Resolve(swr)
		require.NoError(t, err)
		cfg, err := a.Authorization()
		require.NoError(t, err)
		assert.Equal(t, "cn-north-4@AKTEST", cfg.Username)
	}
	assert.EqualValues(t, 1, calls.Load(), "the login is cached")
	now = now.Add(24*time.Hour - time.Minute)
	_, err = k.Resolve(swr)
	require.NoError(t, err)
	assert.EqualValues(t, 2, calls.Load(), "renewed shortly before it expires")

	other, _ := name.NewRegistry("ghcr.io")
	a, err := k.Resolve(other)
	require.NoError(t, err)
	assert.Equal(t, authn.Anonymous, a, "other hosts are not ours")

	// The same exchange logs a copy into a registry that wants that login.
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	want := registrytest.PushIndex(t, src+"/app:v1", 1024, 1, 2)
	p := registrytest.NewAuthProxy(t, dst, "cn-north-4@AKTEST", "derived-login", true)
	kc := &creds.Keychain{Match: func(h string) bool { return h == p.Host }, Exchange: k.Exchange}
	e, err := reg.New(reg.WithKeychain(kc))
	require.NoError(t, err)
	task, err := e.Sync(context.Background(), core.SyncRequest{Source: core.Endpoint{Image: src + "/app:v1"},
		Target: core.Endpoint{Image: p.Host + "/team/app"}})
	require.NoError(t, err)
	assert.Equal(t, want, task.Digest)
}

func TestSWRRefusalIsUnauthorizedWithoutSecrets(t *testing.T) {
	var calls atomic.Int64
	api := swrEmulator(t, "u", "p", &calls)
	k := creds.SWR(creds.HuaweiKeys{AK: "AKOTHER", SK: "SKSECRET"}.Source(), func(string) string { return api }, nil)
	swr, _ := name.NewRegistry("swr.cn-north-4.myhuaweicloud.com")
	_, err := k.Resolve(swr)
	require.ErrorIs(t, err, core.ErrUnauthorized)
	assert.NotContains(t, err.Error(), "SKSECRET")
}

// Google hosts log in with the metadata server's token: one token for
// every host, reused until it expires. Only token requests are counted:
// the metadata package asks the project id once per process, and caches
// it (go test -count=2 saw one request fewer on its second run).
func TestGoogleMetadataToken(t *testing.T) {
	var tokens atomic.Int64
	md := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Metadata-Flavor") != "Google" {
			http.Error(w, "missing flavor", http.StatusForbidden)
			return
		}
		if strings.HasSuffix(r.URL.Path, "/service-accounts/default/token") {
			tokens.Add(1)
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"access_token": "ya29.token", "expires_in": 3599, "token_type": "Bearer"})
	}))
	t.Cleanup(md.Close)
	t.Setenv("GOOGLE_APPLICATION_CREDENTIALS", "")
	t.Setenv("HOME", t.TempDir())
	t.Setenv("CLOUDSDK_CONFIG", "")
	t.Setenv("GCE_METADATA_HOST", strings.TrimPrefix(md.URL, "http://"))
	k := creds.Google(nil)
	for _, host := range []string{"europe-west1-docker.pkg.dev", "europe-west1-docker.pkg.dev", "gcr.io"} {
		r, _ := name.NewRegistry(host)
		a, err := k.Resolve(r)
		require.NoError(t, err)
		cfg, _ := a.Authorization()
		assert.Equal(t, authn.AuthConfig{Username: "oauth2accesstoken", Password: "ya29.token"}, *cfg)
	}
	assert.EqualValues(t, 1, tokens.Load(), "one token for both hosts, reused")
}

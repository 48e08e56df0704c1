package infra

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/imagesync/imagesync/adapters/swr/swrtest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const swrTestHost = "swr.cn-north-4.myhuaweicloud.com"

// swrSecrets is a stand-in of SWR's CreateSecret that logs in any signed
// request and records the access key and security token it was signed
// with.
type swrSecrets struct {
	mu     sync.Mutex
	keys   []string // "AK" or "AK+token"
	server *httptest.Server
}

func newSWRSecrets(t *testing.T) *swrSecrets {
	s := &swrSecrets{}
	s.server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ak, ok := strings.CutPrefix(r.Header.Get("Authorization"), "SDK-HMAC-SHA256 Access=")
		if r.URL.Path != "/v2/manage/utils/secret" || !ok {
			http.Error(w, `{"error_code":"SVCSTG.SWR.4010000","error_msg":"unsigned"}`, http.StatusUnauthorized)
			return
		}
		ak, _, _ = strings.Cut(ak, ",")
		if tok := r.Header.Get("X-Security-Token"); tok != "" {
			ak += "+" + tok
		}
		s.mu.Lock()
		s.keys = append(s.keys, ak)
		s.mu.Unlock()
		auth := base64.StdEncoding.EncodeToString([]byte("cn-north-4@" + ak + ":login"))
		_ = json.NewEncoder(w).Encode(map[string]any{"auths": map[string]any{swrTestHost: map[string]string{"auth": auth}}})
	}))
	t.Cleanup(s.server.Close)
	swrAPI = func(string) string { return s.server.URL }
	t.Cleanup(func() { swrAPI = nil })
	return s
}

func (s *swrSecrets) signedWith() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.keys...)
}

// ecsMetadata stands in for Huawei's ECS metadata server at
// 169.254.169.254, which the SDK's metadata provider asks with its own
// client over http.DefaultTransport: the test's transport sends that
// address to a loopback server, passes loopback on, and refuses anything
// else. It counts the requests it was asked.
type ecsMetadata struct {
	mu    sync.Mutex
	calls int
}

func newECSMetadata(t *testing.T, serve http.HandlerFunc) *ecsMetadata {
	m := &ecsMetadata{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		m.mu.Lock()
		m.calls++
		m.mu.Unlock()
		serve(w, r)
	}))
	t.Cleanup(srv.Close)
	orig := http.DefaultTransport
	tr := orig.(*http.Transport).Clone()
	dial := (&net.Dialer{Timeout: 5 * time.Second}).DialContext
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, _, _ := net.SplitHostPort(addr)
		switch {
		case addr == "169.254.169.254:80":
			return dial(ctx, network, srv.Listener.Addr().String())
		case net.ParseIP(host) != nil && net.ParseIP(host).IsLoopback():
			return dial(ctx, network, addr)
		}
		return nil, errors.New("test: no network beyond loopback: " + addr)
	}
	http.DefaultTransport = tr
	t.Cleanup(func() { http.DefaultTransport = orig })
	return m
}

func (m *ecsMetadata) asked() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.calls
}

// agency answers as the metadata server of an ECS with an agency.
func agency(ak string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/meta-data/latest/api/token":
			fmt.Fprint(w, "md-token")
		case "/openstack/latest/securitykey":
			if r.Header.Get("X-Metadata-Token") != "md-token" {
				w.WriteHeader(http.StatusUnauthorized)
				return
			}
			_ = json.NewEncoder(w).Encode(map[string]any{"credential": map[string]string{"access": ak, "secret": "md-secret",
				"securitytoken": "md-sts", "expires_at": time.Now().Add(6 * time.Hour).UTC().Format("2006-01-02T15:04:05Z")}})
		default:
			w.WriteHeader(http.StatusNotFound)
		}
	}
}

// cleanHuawei leaves huaweicloud-sdk-go-v3's chain only what m sets: no
// keys in the environment, no profile file, an empty docker config.
func cleanHuawei(t *testing.T, m map[string]string) {
	for _, k := range []string{"CLOUD_SDK_AK", "CLOUD_SDK_SK", "HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK",
		"HUAWEICLOUD_SDK_SECURITY_TOKEN", "HUAWEICLOUD_SDK_IDP_ID", "HUAWEICLOUD_SDK_ID_TOKEN_FILE",
		"HC_CONTAINER_CREDENTIALS_FULL_URI", "HC_CONTAINER_AUTHORIZATION_TOKEN_FILE", "HUAWEICLOUD_SDK_IAM_ENDPOINT"} {
		t.Setenv(k, "")
	}
	t.Setenv("HOME", t.TempDir())
	t.Setenv("DOCKER_CONFIG", t.TempDir())
	t.Setenv("HUAWEICLOUD_SDK_CREDENTIALS_FILE", filepath.Join(t.TempDir(), "none"))
	for k, v := range m {
		t.Setenv(k, v)
	}
}

func swrLogin(t *testing.T, ctx context.Context, kc authn.Keychain) (authn.Authenticator, error) {
	reg, err := name.NewRegistry(swrTestHost)
	require.NoError(t, err)
	return authn.Resolve(ctx, kc, reg)
}

// Without keys in the environment, SWR logins take huaweicloud-sdk-go-v3's
// chain: its profile file, then the ECS agency from the metadata server.
// Nothing is asked until an SWR host is named.
func TestSWRLoginWithTheHuaweiChain(t *testing.T) {
	t.Run("profile file", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "credentials")
		require.NoError(t, os.WriteFile(file, []byte("[basic]\nak = AKPROFILE\nsk = sk-profile\n"), 0o600))
		cleanHuawei(t, map[string]string{"HUAWEICLOUD_SDK_CREDENTIALS_FILE": file})
		api := newSWRSecrets(t)
		a, err := swrLogin(t, t.Context(), keychain(t))
		require.NoError(t, err)
		cfg, err := a.Authorization()
		require.NoError(t, err)
		assert.Equal(t, "cn-north-4@AKPROFILE", cfg.Username)
		assert.Equal(t, []string{"AKPROFILE"}, api.signedWith())
	})
	t.Run("ECS agency", func(t *testing.T) {
		cleanHuawei(t, nil)
		md := newECSMetadata(t, agency("AKECS"))
		api := newSWRSecrets(t)
		kc := keychain(t)
		other, _ := name.NewRegistry("ghcr.io")
		_, err := kc.Resolve(other)
		require.NoError(t, err)
		assert.Zero(t, md.asked(), "no SWR host named: the metadata server is not asked")
		a, err := swrLogin(t, t.Context(), kc)
		require.NoError(t, err)
		cfg, err := a.Authorization()
		require.NoError(t, err)
		assert.Equal(t, "cn-north-4@AKECS+md-sts", cfg.Username)
		assert.Equal(t, []string{"AKECS+md-sts"}, api.signedWith(), "signed with the agency's temporary keys")
	})
	t.Run("CCE pod identity", func(t *testing.T) {
		pod := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodPost || r.Header.Get("Authorization") != "pod-token" {
				w.WriteHeader(http.StatusUnauthorized)
				return
			}
			_ = json.NewEncoder(w).Encode(map[string]any{"credentials": map[string]string{"access": "AKPOD", "secret": "pod-secret",
				"securitytoken": "pod-sts", "expires_at": time.Now().Add(time.Hour).UTC().Format("2006-01-02T15:04:05Z")}})
		}))
		t.Cleanup(pod.Close)
		token := filepath.Join(t.TempDir(), "token")
		require.NoError(t, os.WriteFile(token, []byte("pod-token"), 0o600))
		cleanHuawei(t, map[string]string{"HC_CONTAINER_CREDENTIALS_FULL_URI": pod.URL + "/v1/credentials",
			"HC_CONTAINER_AUTHORIZATION_TOKEN_FILE": token})
		newECSMetadata(t, func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNotFound) }) // not an ECS
		api := newSWRSecrets(t)
		_, err := swrLogin(t, t.Context(), keychain(t))
		require.NoError(t, err)
		assert.Equal(t, []string{"AKPOD+pod-sts"}, api.signedWith())
	})
}

// A chain that finds nothing declines the SWR host (docker's config, or
// anonymous, answers); docker's config answers before the chain.
func TestSWRLoginWithoutCredentialsIsDeclined(t *testing.T) {
	cleanHuawei(t, nil)
	md := newECSMetadata(t, func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNotFound) })
	api := newSWRSecrets(t)
	a, err := swrLogin(t, t.Context(), keychain(t))
	require.NoError(t, err)
	assert.Equal(t, authn.Anonymous, a)
	assert.Empty(t, api.signedWith())
	assert.NotZero(t, md.asked())

	auth := base64.StdEncoding.EncodeToString([]byte("u:from-docker-config"))
	require.NoError(t, os.WriteFile(filepath.Join(os.Getenv("DOCKER_CONFIG"), "config.json"),
		[]byte(`{"auths": {"`+swrTestHost+`": {"auth": "`+auth+`"}}}`), 0o600))
	a, err = swrLogin(t, t.Context(), keychain(t))
	require.NoError(t, err)
	cfg, _ := a.Authorization()
	assert.Equal(t, "from-docker-config", cfg.Password)
}

// FunctionGraph's agency keys of the invocation, carried by its context,
// buy the SWR login ahead of keys in the environment; another context
// (no invocation) keeps the environment's.
func TestSWRLoginTakesTheInvocationsAgencyKeys(t *testing.T) {
	cleanHuawei(t, map[string]string{"CLOUD_SDK_AK": "AKENV", "CLOUD_SDK_SK": "sk-env"})
	api := newSWRSecrets(t)
	ctx := core.WithInvocationCredentials(t.Context(), core.InvocationCredentials{Cloud: core.CloudHuawei,
		AccessKeyID: "AKAGENCY", AccessKeySecret: "sk-agency", SecurityToken: "agency-sts"})
	_, err := swrLogin(t, ctx, keychain(t))
	require.NoError(t, err)
	_, err = swrLogin(t, t.Context(), keychain(t))
	require.NoError(t, err)
	assert.Equal(t, []string{"AKAGENCY+agency-sts", "AKENV"}, api.signedWith())
}

// The registry engine's SWR listings (ListReposDetails, ListRepositoryTags)
// sign with the invocation's agency keys, else the chain's: through the
// engine as Build wires it, against the SWR emulator, which accepts one
// key pair only.
func TestSWRListingsTakeTheInvocationsKeysElseTheChain(t *testing.T) {
	file := filepath.Join(t.TempDir(), "credentials")
	require.NoError(t, os.WriteFile(file, []byte("[basic]\nak = AKPROFILE\nsk = sk-profile\n"), 0o600))
	cleanHuawei(t, map[string]string{"HUAWEICLOUD_SDK_CREDENTIALS_FILE": file})
	agencyAPI := swrtest.New(swrtest.Config{AK: "AKAGENCY", SK: "sk-agency", ProjectID: "cn-north-4"})
	t.Cleanup(agencyAPI.Close)
	agencyAPI.AddRepository("team", "app", "v1")
	swrAPI = func(string) string { return agencyAPI.URL }
	t.Cleanup(func() { swrAPI = nil })
	e, err := registryEngine(RegistryConfig{}, nil, nil, slog.New(slog.DiscardHandler))
	require.NoError(t, err)

	ctx := core.WithInvocationCredentials(t.Context(), core.InvocationCredentials{Cloud: core.CloudHuawei,
		AccessKeyID: "AKAGENCY", AccessKeySecret: "sk-agency", SecurityToken: "agency-sts"})
	l, err := e.ListRepositories(ctx, swrTestHost, "team")
	require.NoError(t, err)
	assert.Equal(t, []string{"team/app"}, l.Repositories)
	_, err = e.ListRepositories(t.Context(), swrTestHost, "team")
	require.Error(t, err, "the profile's keys are not the emulator's")
	assert.True(t, core.IsKind(err, core.ErrUnauthorized, core.ErrForbidden), "%v", err)

	profileAPI := swrtest.New(swrtest.Config{AK: "AKPROFILE", SK: "sk-profile", ProjectID: "cn-north-4"})
	t.Cleanup(profileAPI.Close)
	profileAPI.SetTagTimes("team", "app", map[string]time.Time{"v1": time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)})
	swrAPI = func(string) string { return profileAPI.URL }
	e, err = registryEngine(RegistryConfig{}, nil, nil, slog.New(slog.DiscardHandler))
	require.NoError(t, err)
	times, err := e.TagTimes(t.Context(), swrTestHost+"/team/app")
	require.NoError(t, err)
	assert.Len(t, times, 1)
}

// iamStandIn stands in for IAM's federation: an OpenID Connect id token
// of identity provider idp buys an unscoped token, which buys temporary
// keys AKFED. IAM is HTTPS only: http.DefaultTransport, which the SDK's
// IAM calls go through, trusts the stand-in's certificate and reaches
// loopback only.
func iamStandIn(t *testing.T) string {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		switch {
		case r.URL.Path == "/v3.0/OS-AUTH/id-token/tokens" && r.Header.Get("X-Idp-Id") == "idp" && strings.Contains(string(b), "oidc-id-token"):
			w.Header().Set("X-Subject-Token", "unscoped")
			w.Header().Set("X-Request-Id", "r1")
			w.WriteHeader(http.StatusCreated)
			fmt.Fprintf(w, `{"token":{"expires_at":%q}}`, time.Now().Add(time.Hour).UTC().Format(time.RFC3339))
		case r.URL.Path == "/v3.0/OS-CREDENTIAL/securitytokens" && strings.Contains(string(b), "unscoped"):
			w.WriteHeader(http.StatusCreated)
			_ = json.NewEncoder(w).Encode(map[string]any{"credential": map[string]string{"access": "AKFED", "secret": "fed-secret",
				"securitytoken": "fed-sts", "expires_at": time.Now().Add(6 * time.Hour).UTC().Format("2006-01-02T15:04:05Z")}})
		default:
			http.Error(w, `{"error":{"code":"401","message":"no"}}`, http.StatusUnauthorized)
		}
	}))
	t.Cleanup(srv.Close)
	orig := http.DefaultTransport
	tr := orig.(*http.Transport).Clone()
	tr.TLSClientConfig = srv.Client().Transport.(*http.Transport).TLSClientConfig.Clone()
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if host, _, _ := net.SplitHostPort(addr); net.ParseIP(host) == nil || !net.ParseIP(host).IsLoopback() {
			return nil, errors.New("test: no network beyond loopback: " + addr)
		}
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}
	http.DefaultTransport = tr
	t.Cleanup(func() { http.DefaultTransport = orig })
	return strings.TrimPrefix(srv.URL, "https://")
}

// A federated identity (HUAWEICLOUD_SDK_IDP_ID and _ID_TOKEN_FILE, as on
// a workload with an OIDC token) is exchanged at IAM by the SDK for
// temporary keys, which buy the SWR login.
func TestSWRLoginWithAFederatedIdentity(t *testing.T) {
	token := filepath.Join(t.TempDir(), "id-token")
	require.NoError(t, os.WriteFile(token, []byte("oidc-id-token"), 0o600))
	iam := iamStandIn(t)
	cleanHuawei(t, map[string]string{"HUAWEICLOUD_SDK_IDP_ID": "idp", "HUAWEICLOUD_SDK_ID_TOKEN_FILE": token,
		"HUAWEICLOUD_SDK_IAM_ENDPOINT": iam})
	api := newSWRSecrets(t)
	a, err := swrLogin(t, t.Context(), keychain(t))
	require.NoError(t, err)
	cfg, err := a.Authorization()
	require.NoError(t, err)
	assert.Equal(t, "cn-north-4@AKFED+fed-sts", cfg.Username)
	assert.Equal(t, []string{"AKFED+fed-sts"}, api.signedWith())
}

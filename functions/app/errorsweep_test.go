package app_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/netip"
	"net/url"
	"strings"
	"testing"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/functions/httpapi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stubHandler answers what fn takes (true) and passes the rest to upstream.
func stubHandler(upstream string, fn func(w http.ResponseWriter, r *http.Request) bool) http.Handler {
	rp := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: "http", Host: upstream})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !fn(w, r) {
			rp.ServeHTTP(w, r)
		}
	})
}

// stub serves stubHandler on loopback and returns its host:port.
func stub(t *testing.T, upstream string, fn func(w http.ResponseWriter, r *http.Request) bool) string {
	t.Helper()
	s := httptest.NewServer(stubHandler(upstream, fn))
	t.Cleanup(s.Close)
	return strings.TrimPrefix(s.URL, "http://")
}

// port is the port of a host:port.
func port(hostport string) string { return hostport[strings.LastIndexByte(hostport, ':')+1:] }

// manifests serves these manifest bytes for every manifest of the
// repository: HEAD announces head's digest, GET sends get.
func manifests(head, get []byte) func(w http.ResponseWriter, r *http.Request) bool {
	return func(w http.ResponseWriter, r *http.Request) bool {
		if !strings.Contains(r.URL.Path, "/manifests/") {
			return false
		}
		sum := sha256.Sum256(head)
		w.Header().Set("Docker-Content-Digest", "sha256:"+hex.EncodeToString(sum[:]))
		w.Header().Set("Content-Type", "application/vnd.oci.image.manifest.v1+json")
		if r.Method == http.MethodHead {
			w.Header().Set("Content-Length", itoa(len(head)))
			return true
		}
		_, _ = w.Write(get)
		return true
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// challenge demands a bearer token from realm and grants none.
func challenge(realm string) func(w http.ResponseWriter, r *http.Request) bool {
	return func(w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("WWW-Authenticate", `Bearer realm="`+realm+`",service="sweep"`)
		http.Error(w, `{"errors":[{"code":"UNAUTHORIZED","message":"token needed"}]}`, http.StatusUnauthorized)
		return true
	}
}

// answer makes every request of method (any: "") fail with status and body.
func answer(method string, status int, body string) func(w http.ResponseWriter, r *http.Request) bool {
	return func(w http.ResponseWriter, r *http.Request) bool {
		if method != "" && r.Method != method {
			return false
		}
		http.Error(w, body, status)
		return true
	}
}

// TestRegistryErrorsNeverInternal sweeps the registry engine's error
// paths through the real HTTP handler: whatever a registry, a proxy, DNS
// or TLS does, the answer names a kind; internal (500) is left for bugs.
// A token realm or a redirect that points where imagesync must not go is
// 403 forbidden, naming the host and the rule (before: 500 internal).
func TestRegistryErrorsNeverInternal(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	registrytest.PushIndex(t, src+"/app:v1", 4<<10, 1, 1)
	tlsSrc := httptest.NewTLSServer(stubHandler(src, func(http.ResponseWriter, *http.Request) bool { return false }))
	t.Cleanup(tlsSrc.Close)
	loop := netip.MustParseAddr("127.0.0.1")
	useFakeDNS(t, fakeDNS{
		a:    map[string]netip.Addr{"tls.test.": loop, "plain.test.": loop, "meta.test.": netip.MustParseAddr("169.254.169.254")},
		fail: map[string]bool{"servfail.test.": true},
	})
	a := newApp(t, "auth: {mode: none}\nlimits: {requestTimeout: 3s}\n")

	badJSON := []byte("{not a manifest")
	config := `{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:` +
		strings.Repeat("ab", 32) + `","size":10},"layers":[]}`
	cases := []struct {
		name, source, target string
		kind                 string
		says                 []string // in the message
	}{
		{name: "503 for ever", source: fault(t, src, registrytest.Fault503, 0).Host, kind: "unavailable"},
		{name: "429 for an hour", source: fault(t, src, registrytest.Fault429, 3600).Host, kind: "throttled"},
		{name: "connections dropped", source: fault(t, src, registrytest.FaultDrop, 0).Host, kind: "unavailable"},
		{name: "blob bodies cut", source: cut(t, src), kind: "unavailable"},
		{name: "connection refused", source: registrytest.FreeAddr(t), kind: "unavailable", says: []string{"refused"}},
		{name: "no such host", source: "nx.test:5000", kind: "unavailable", says: []string{"no such host"}},
		{name: "DNS server failure", source: "servfail.test:5000", kind: "unavailable"},
		{name: "TLS: unknown authority", source: "tls.test:" + port(tlsSrc.URL), kind: "unavailable", says: []string{"certificate"}},
		{name: "TLS to a plain HTTP server", source: "plain.test:" + port(src), kind: "unavailable"},
		{name: "500 pages", source: stub(t, src, answer("", 500, "<html>oops</html>")), kind: "unavailable"},
		{name: "400 garbage", source: stub(t, src, answer(http.MethodHead, 400, "garbage")), kind: "invalid"},
		{name: "manifest unknown", source: src + "/app:nope", kind: "not_found"},
		{name: "manifest not JSON", source: stub(t, src, manifests(badJSON, badJSON)), kind: "invalid", says: []string{"manifest"}},
		{name: "manifest not what its digest says", source: stub(t, src, manifests([]byte(config), []byte(config+" "))), kind: "unavailable"},
		{name: "blob missing", source: stub(t, src, manifests([]byte(config), []byte(config))), kind: "not_found"},
		{name: "target denies pushes", target: stub(t, dst, answer(http.MethodPost, 403, `{"errors":[{"code":"DENIED","message":"no"}]}`)), kind: "forbidden"},
		{name: "target wants credentials", target: stub(t, dst, func(w http.ResponseWriter, r *http.Request) bool {
			w.Header().Set("WWW-Authenticate", `Basic realm="sweep"`)
			http.Error(w, `{"errors":[{"code":"UNAUTHORIZED"}]}`, http.StatusUnauthorized)
			return true
		}), kind: "unauthorized"},
		{name: "registry hangs", source: stub(t, src, func(w http.ResponseWriter, r *http.Request) bool {
			if strings.Contains(r.URL.Path, "/manifests/") {
				<-r.Context().Done()
				return true
			}
			return false
		}), kind: "unavailable"},
		{name: "realm on a private address", source: stub(t, src, challenge("http://10.0.0.1/token")),
			kind: "forbidden", says: []string{"10.0.0.1", "private"}},
		{name: "realm on link-local metadata", source: stub(t, src, challenge("http://169.254.169.254/token")),
			kind: "forbidden", says: []string{"169.254.169.254", "link-local"}},
		{name: "realm on another loopback host", source: stub(t, src, challenge("http://127.0.0.2:9/token")),
			kind: "forbidden", says: []string{"127.0.0.2"}},
		{name: "realm of another scheme", source: stub(t, src, challenge("ftp://tokens.example/token")),
			kind: "forbidden", says: []string{"ftp"}},
		{name: "realm named onto metadata", source: stub(t, src, challenge("http://meta.test/token")),
			kind: "forbidden", says: []string{"169.254.169.254", "link-local"}},
		{name: "challenge without realm", source: stub(t, src, func(w http.ResponseWriter, r *http.Request) bool {
			w.Header().Set("WWW-Authenticate", `Bearer service="sweep"`)
			http.Error(w, "", http.StatusUnauthorized)
			return true
		}), kind: "unavailable"},
		{name: "token redirected to metadata", source: tokenRedirect(t, src, "http://169.254.169.254/latest/meta-data/"),
			kind: "forbidden", says: []string{"169.254.169.254"}},
		{name: "blob redirected to metadata", source: stub(t, src, func(w http.ResponseWriter, r *http.Request) bool {
			if r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/blobs/sha256:") {
				http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusTemporaryRedirect)
				return true
			}
			return false
		}), kind: "forbidden", says: []string{"169.254.169.254", "link-local"}},
		{name: "blob redirected in a loop", source: stub(t, src, func(w http.ResponseWriter, r *http.Request) bool {
			if r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/blobs/sha256:") {
				http.Redirect(w, r, r.URL.Path, http.StatusFound)
				return true
			}
			return false
		}), kind: "unavailable"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			source, target := orDefault(tc.source, src)+"/app:v1", orDefault(tc.target, dst)+"/app:v1"
			if strings.Contains(tc.source, "/app:") {
				source = tc.source
			}
			body := `{"source":{"image":"` + source + `"},"target":{"image":"` + target + `"}}`
			req := httptest.NewRequest(http.MethodPost, "/v1/syncs", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			a.HTTP.ServeHTTP(rec, req)
			var got httpapi.ErrorBody
			require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &got), rec.Body.String())
			assert.NotEqual(t, http.StatusInternalServerError, rec.Code, rec.Body.String())
			assert.Equal(t, tc.kind, got.Error.Kind, got.Error.Message)
			for _, s := range tc.says {
				assert.Contains(t, got.Error.Message, s)
			}
		})
	}
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// fault puts a FaultProxy answering every request with f in front of upstream.
func fault(t *testing.T, upstream string, f registrytest.Fault, retryAfter int) *registrytest.FaultProxy {
	p := registrytest.NewFaultProxy(t, upstream, 1, 1, f)
	p.SetRetryAfter(retryAfter)
	return p
}

// cut is upstream with every blob body cut in half.
func cut(t *testing.T, upstream string) string {
	p := registrytest.NewFaultProxy(t, upstream, 0, 1)
	p.Cut(1 << 20)
	return p.Host
}

// tokenRedirect asks for a token at its own /token, which redirects to to.
func tokenRedirect(t *testing.T, upstream, to string) string {
	var host string
	host = stub(t, upstream, func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path == "/token" {
			http.Redirect(w, r, to, http.StatusTemporaryRedirect)
			return true
		}
		return challenge("http://"+host+"/token")(w, r)
	})
	return host
}

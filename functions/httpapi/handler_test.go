package httpapi_test

import (
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/functions/httpapi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type api struct {
	t   *testing.T
	srv *httptest.Server
}

func newAPI(t *testing.T) *api {
	e, err := reg.New()
	require.NoError(t, err)
	srv := httptest.NewServer(httpapi.New(core.New(core.WithEngine(e)), httpapi.WithSecurity(httpapi.Security{Mode: "none"})))
	t.Cleanup(srv.Close)
	return &api{t: t, srv: srv}
}

func (a *api) do(method, path, body string) (int, map[string]any) {
	req, err := http.NewRequest(method, a.srv.URL+path, strings.NewReader(body))
	require.NoError(a.t, err)
	res, err := http.DefaultClient.Do(req)
	require.NoError(a.t, err)
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var out map[string]any
	require.NoError(a.t, json.Unmarshal(raw, &out), string(raw))
	return res.StatusCode, out
}

func fieldsOf(body map[string]any) []string {
	var out []string
	e, _ := body["error"].(map[string]any)
	fs, _ := e["fields"].([]any)
	for _, f := range fs {
		out = append(out, f.(map[string]any)["field"].(string))
	}
	return out
}

func memRegistry(t *testing.T) string {
	s := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0))))
	t.Cleanup(s.Close)
	return strings.TrimPrefix(s.URL, "http://")
}

func push(t *testing.T, ref string) string {
	idx, err := random.Index(512, 2, 2)
	require.NoError(t, err)
	r, _ := name.ParseReference(ref)
	require.NoError(t, remote.WriteIndex(r, idx))
	d, _ := idx.Digest()
	return d.String()
}

func body(src, dst string, extra string) string {
	return `{"source":{"image":"` + src + `"},"target":{"image":"` + dst + `"}` + extra + `}`
}

func TestSyncLifecycle(t *testing.T) {
	a, src, dst := newAPI(t), memRegistry(t), memRegistry(t)
	d1, d2 := push(t, src+"/app:v1"), push(t, src+"/app:v2")

	status, task := a.do("POST", "/v1/syncs", body(src+"/app:v1", dst+"/app:v1", ""))
	require.Equal(t, 200, status, task)
	assert.Equal(t, "SUCCESS", task["status"])
	assert.Equal(t, d1, task["digest"])

	status, again := a.do("POST", "/v1/syncs", body(src+"/app:v1", dst+"/app:v1", ""))
	require.Equal(t, 200, status)
	assert.Equal(t, true, again["skipped"])

	status, conflict := a.do("POST", "/v1/syncs", body(src+"/app:v2", dst+"/app:v1", ""))
	require.Equal(t, 409, status, conflict)
	assert.Equal(t, "conflict", conflict["error"].(map[string]any)["kind"])

	status, replaced := a.do("POST", "/v1/syncs", body(src+"/app:v2", dst+"/app:v1", `,"override":true`))
	require.Equal(t, 200, status, replaced)
	assert.Equal(t, d2, replaced["digest"])

	status, got := a.do("GET", "/v1/syncs/"+task["id"].(string), "")
	require.Equal(t, 200, status)
	assert.Equal(t, task["id"], got["id"])

	status, page := a.do("GET", "/v1/syncs?engine=registry&pageSize=2", "")
	require.Equal(t, 200, status)
	assert.EqualValues(t, 4, page["total"])
}

func TestBadRequests(t *testing.T) {
	a := newAPI(t)
	cases := []struct {
		name, body string
		status     int
		fields     []string
	}{
		{"bad name", body("r.io/Bad:v1", "s.io/a", ""), 400, []string{"source.image"}},
		{"bad tag", body("r.io/a:.v1", "s.io/a", ""), 400, []string{"source.image"}},
		{"bad swr namespace", `{"source":{"engine":"swr","region":"cn-north-4","namespace":"a___b","repository":"app","tag":"v1"},"target":{"engine":"swr","region":"cn-east-3","namespace":"ok","repository":"app"}}`, 400, []string{"source.namespace"}},
		{"bad swr repository", `{"source":{"engine":"swr","region":"cn-north-4","namespace":"team","repository":"x//y","tag":"v1"},"target":{"engine":"swr","region":"cn-east-3","namespace":"ok","repository":"app"}}`, 400, []string{"source.repository"}},
		{"missing target", `{"source":{"image":"r.io/a:v1"}}`, 400, []string{"target"}},
		{"unknown field", `{"source":{"image":"r.io/a:v1"},"target":{"image":"s.io/a"},"force":true}`, 400, []string{"force"}},
		{"wrong type", `{"source":{"image":1},"target":{"image":"s.io/a"}}`, 400, []string{"source.image"}},
		{"malformed", `{"source":`, 400, []string{"body"}},
		{"two objects", `{} {}`, 400, []string{"body"}},
		{"a key twice", `{"source":{"image":"r.io/a:v1"},"target":{"image":"s.io/a"},"source":{"image":"r.io/b:v1"}}`, 400, []string{"body"}},
		{"a key twice in another case", `{"source":{"image":"r.io/a:v1","IMAGE":"r.io/b:v1"},"target":{"image":"s.io/a"}}`, 400, []string{"body"}},
		{"a key twice under Unicode folding (long s)", `{"source":{"image":"r.io/a:v1"},"target":{"image":"s.io/a"},"ſource":{"image":"r.io/b:v1"}}`, 400, []string{"body"}},
		{"a key twice under Unicode folding (escaped)", `{"\u017fource":{"image":"r.io/b:v1"},"source":{"image":"r.io/a:v1"},"target":{"image":"s.io/a"}}`, 400, []string{"body"}},
		{"a nested key twice under Unicode folding", `{"source":{"image":"r.io/a:v1"},"target":{"image":"s.io/a","tag":"v1","TAG":"v2"}}`, 400, []string{"body"}},
		{"empty", ``, 400, []string{"body"}},
		{"engine not configured", `{"source":{"engine":"acr","region":"cn-hangzhou","instance":"cri-a","namespace":"ns","repository":"repo","tag":"v1"},"target":{"engine":"acr","region":"cn-beijing","instance":"cri-b","namespace":"ns","repository":"repo"}}`, 400, []string{"engine"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, out := a.do("POST", "/v1/syncs", c.body)
			assert.Equal(t, c.status, status, out)
			assert.Equal(t, "invalid", out["error"].(map[string]any)["kind"])
			assert.Equal(t, c.fields, fieldsOf(out))
		})
	}
	status, out := a.do("POST", "/v1/syncs", `{"source":{"image":"`+strings.Repeat("a", httpapi.MaxBody)+`"}}`)
	assert.Equal(t, 413, status, out)
	status, _ = a.do("GET", "/v1/syncs/registry:nope", "")
	assert.Equal(t, 404, status)
	status, out = a.do("GET", "/v1/syncs?bogus=1", "")
	assert.Equal(t, 400, status)
	assert.Equal(t, []string{"bogus"}, fieldsOf(out))
	status, _ = a.do("GET", "/nowhere", "")
	assert.Equal(t, 404, status)
	status, out = a.do("GET", "/healthz", "")
	assert.Equal(t, 200, status)
	assert.Equal(t, []any{"registry"}, out["engines"])
}

package app_test

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	opsToken = "ops-token-0123456789abcdef0123"
	ciToken  = "ci-token-0123456789abcdef01234"
)

// readsApp serves two callers: ops, unrestricted, and ci, whose policy
// allows only allowed/** on both sides. ops has synced allowed/app and
// secret/app; their task ids are returned.
func readsApp(t *testing.T) (h http.Handler, allowedID, secretID string) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	a := newApp(t, fmt.Sprintf(`
auth:
  tokens:
    - {name: ops, sha256: %x}
    - {name: ci, sha256: %x, policy: team}
policy:
  rules:
    team: {sources: [{repository: "allowed/**"}], targets: [{repository: "allowed/**"}]}
`, sha256.Sum256([]byte(opsToken)), sha256.Sum256([]byte(ciToken))))
	ids := map[string]string{}
	for _, ns := range []string{"allowed", "secret"} {
		registrytest.PushIndex(t, src+"/"+ns+"/app:v1", 512, 1, 1)
		status, out := call(t, a.HTTP, opsToken, http.MethodPost, "/v1/syncs",
			`{"source":{"image":"`+src+`/`+ns+`/app:v1"},"target":{"image":"`+dst+`/`+ns+`/app:v1"}}`)
		require.Equal(t, http.StatusOK, status, out)
		ids[ns] = out["id"].(string)
	}
	return a.HTTP, ids["allowed"], ids["secret"]
}

func call(t *testing.T, h http.Handler, token, method, path, body string) (int, map[string]any) {
	t.Helper()
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	r.Header.Set("Authorization", "Bearer "+token)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	var out map[string]any
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &out), w.Body.String())
	return w.Code, out
}

// statusPage is GET / as the holder of token.
func statusPage(t *testing.T, h http.Handler, token string) string {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.Header.Set("Authorization", "Bearer "+token)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	return w.Body.String()
}

func listed(out map[string]any) []string {
	var ids []string
	tasks, _ := out["tasks"].([]any)
	for _, task := range tasks {
		ids = append(ids, task.(map[string]any)["id"].(string))
	}
	return ids
}

// TestReadsRespectPolicy: a caller sees only the tasks whose source and
// target its policy allows, in lists and by id; another task is not found,
// as if it did not exist.
func TestReadsRespectPolicy(t *testing.T) {
	h, allowed, secret := readsApp(t)
	status, out := call(t, h, ciToken, http.MethodGet, "/v1/syncs", "")
	require.Equal(t, http.StatusOK, status, out)
	assert.Equal(t, []string{allowed}, listed(out))
	assert.EqualValues(t, 1, out["total"])
	status, _ = call(t, h, ciToken, http.MethodGet, "/v1/syncs/"+allowed, "")
	assert.Equal(t, http.StatusOK, status)
	status, out = call(t, h, ciToken, http.MethodGet, "/v1/syncs/"+secret, "")
	assert.Equal(t, http.StatusNotFound, status, out)

	page := statusPage(t, h, ciToken)
	assert.Contains(t, page, "allowed/app")
	assert.NotContains(t, page, "secret/app", "the status page follows the policy too")
	assert.Contains(t, statusPage(t, h, opsToken), "secret/app")

	status, out = call(t, h, opsToken, http.MethodGet, "/v1/syncs", "")
	require.Equal(t, http.StatusOK, status)
	assert.ElementsMatch(t, []string{allowed, secret}, listed(out), "an unrestricted caller sees every task")
	status, _ = call(t, h, opsToken, http.MethodGet, "/v1/syncs/"+secret, "")
	assert.Equal(t, http.StatusOK, status)
}

// TestHistoryFiltersRegistryTasks: repository and namespace filter the
// registry engine's tasks by their references' paths (namespace: the
// first segment; repository: the rest, or the whole path); region and
// instance, which a reference has not, match none of them.
func TestHistoryFiltersRegistryTasks(t *testing.T) {
	h, allowed, secret := readsApp(t)
	for query, want := range map[string][]string{
		"":                                 {allowed, secret},
		"?repository=app":                  {allowed, secret},
		"?namespace=allowed":               {allowed},
		"?repository=secret/app":           {secret},
		"?namespace=secret&repository=app": {secret},
		"?namespace=allowed&repository=secret/app": nil,
		"?repository=other":                        nil,
		"?region=cn-hangzhou":                      nil,
		"?instance=cri-x":                          nil,
	} {
		status, out := call(t, h, opsToken, http.MethodGet, "/v1/syncs"+query, "")
		require.Equal(t, http.StatusOK, status, out)
		assert.ElementsMatch(t, want, listed(out), query)
	}
}

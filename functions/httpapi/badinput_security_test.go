package httpapi_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// badCase is one hostile request: method, path (with query), body.
type badCase struct{ name, method, path, body string }

// TestBadInputCorpus sends every case of testdata/badinput and of the
// generated table (badinput_cases_security_test.go) to the real handler,
// built by app.Wire from a configuration with a token, webhooks and rules,
// with a valid token: every one gets a 4xx whose JSON error names the
// problem; none gets a 2xx, a 5xx or a panic.
func TestBadInputCorpus(t *testing.T) {
	eng := &counting{}
	a, _ := wired(t, hookConfig, map[string]string{"HOOK": hookSecret}, eng)
	cases := append(fileCases(t), generatedCases()...)
	require.Greater(t, len(cases), 300)
	statuses := map[int]int{}
	for _, c := range cases {
		w := call(a.HTTP, c.method, c.path, c.body, map[string]string{"Authorization": "Bearer test"})
		statuses[w.Code]++
		if !assert.True(t, w.Code >= 400 && w.Code < 500, "%s: %d %s", c.name, w.Code, w.Body.String()) {
			continue
		}
		var e struct {
			Error struct {
				Kind    string
				Message string
				Fields  []struct{ Field, Reason string }
			}
		}
		require.NoError(t, json.Unmarshal(w.Body.Bytes(), &e), c.name)
		assert.NotEmpty(t, e.Error.Kind, c.name)
		assert.NotEmpty(t, e.Error.Message, c.name)
		for _, f := range e.Error.Fields {
			assert.NotEmpty(t, f.Reason, c.name)
		}
		assert.NotContains(t, w.Body.String(), "hunter2", c.name)
	}
	assert.Zero(t, eng.n(), "no bad input reached an engine")
	t.Logf("bad inputs: %d cases, statuses %v", len(cases), statuses)
}

func fileCases(t *testing.T) []badCase {
	files, err := filepath.Glob("testdata/badinput/*")
	require.NoError(t, err)
	var out []badCase
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		route, _, _ := strings.Cut(filepath.Base(f), "-")
		out = append(out, badCase{"file " + filepath.Base(f), "POST", "/v1/" + route, string(b)})
	}
	return out
}

package compat

import (
	"strings"
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Source and target templates are evaluated as regsync evaluates them at
// load, with regclient's functions; what imagesync cannot bound or would
// freeze is refused with the reason.
func TestRegsyncTemplatesEvaluated(t *testing.T) {
	res, refused := translate(t, Regsync, `
version: 1
sync:
  - {source: gcr.io/example/repo, target: "m.io/gcr/{{ index (split .Sync.Source \"gcr.io/\") 1 }}", type: repository}
  - {source: "{{ default \"docker.io\" (env \"UNSET\") }}/library/alpine", target: "m.io/{{ lower \"HUB\" }}/{{ .Sync.Type }}", type: repository}
  - {source: "r.io/{{ join (split \"a,b\" \",\") \"-\" }}", target: "m.io/{{ index (split (trimSpace (file \"/x\")) \"-\") 0 }}", type: repository}
`)
	require.Nil(t, refused)
	var got [][2]string
	for _, j := range res.Doc.Jobs {
		got = append(got, [2]string{j.Sources[0], j.Targets[0].Image})
	}
	assert.Equal(t, [][2]string{
		{"gcr.io/example/repo", "m.io/gcr/example/repo"},
		{"docker.io/library/alpine", "m.io/hub/repository"},
		{"r.io/a-b", "m.io/from"},
	}, got)
}

func TestRegsyncTemplatesRefused(t *testing.T) {
	_, refused := translate(t, Regsync, `
version: 1
sync:
  - {source: r.io/a, target: "m.io/{{ range 1000000000 }}x{{ end }}", type: repository}
  - {source: r.io/a, target: "m.io/{{ (time).Now }}", type: repository}
  - {source: r.io/a, target: "m.io/{{ .Sync.Tags }}", type: repository}
  - {source: r.io/a, target: "m.io/{{ index (split .Sync.Source \"gcr.io/\") 1 }}", type: repository}
  - {source: r.io/a, target: "m.io/{{ nope }}", type: repository}
  - {source: r.io/a, target: "m.io/{{ if true }}{{ range 3 }}{{ end }}{{ end }}", type: repository}
`)
	for path, want := range map[string]string{
		"sync[0].target": "range is not supported",
		"sync[1].target": "time is not supported",
		"sync[2].target": `no entry for key "Tags"`,
		"sync[3].target": "index out of range",
		"sync[4].target": `function "nope" not defined`,
		"sync[5].target": "if is not supported",
	} {
		assert.Contains(t, refused[path], want, path)
		assert.Contains(t, refused[path], "imagesync evaluates regsync's templates once", path)
	}
}

func TestRegsyncTemplateOutputBounded(t *testing.T) {
	long := strings.Repeat("a", 40<<10)
	_, refused := translate(t, Regsync, `
version: 1
sync:
  - {source: r.io/a, target: "m.io/{{ \"`+long+`\" }}{{ \"`+long+`\" }}", type: repository}
`)
	assert.Contains(t, refused["sync[0].target"], "grows past 65536 bytes")
}

// The evaluator reads Go's template syntax as text/template does for what
// a reference needs: pipelines, parentheses, builtins, comments.
func TestExpandEvaluator(t *testing.T) {
	p := &parser{env: func(k string) string { return map[string]string{"HOST": "r.io"}[k] },
		readFile: func(string) ([]byte, error) { return []byte(" x \n"), nil }}
	fields := map[string]string{"Sync.Source": "GCR.io/Team/App", "Sync.Target": "t", "Sync.Type": "repository"}
	for in, want := range map[string]string{
		`{{ .Sync.Source | lower }}`:                             "gcr.io/team/app",
		`{{ .Sync.Source | lower | upper }}`:                     "GCR.IO/TEAM/APP",
		`{{ printf "%s/%s" (env "HOST") .Sync.Type }}`:           "r.io/repository",
		`{{ print "a" "b" }}-{{ len (split .Sync.Source "/") }}`: "ab-3",
		`{{/* a comment */}}{{ file "f" }}`:                      "x",
		`{{ index (split .Sync.Source "/") 2 | lower }}`:         "app",
		`{{ json .Sync.Type }}`:                                  "\"repository\"\n",
		`{{ default "d" "" }}{{ default "d" "v" }}`:              "dv",
		`{{ join (split "a-b" "-") "/" }}`:                       "a/b",
	} {
		got, ok := p.expand(in, "x", fields)
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
	for in, want := range map[string]string{
		`{{ $x := "a" }}{{ $x }}`:          "a variable is not supported",
		`{{ with .Sync.Source }}{{ end }}`: "with is not supported",
		`{{ split "a" }}`:                  "split takes 2 argument(s), got 1",
		`{{ lower 3 }}`:                    "lower takes strings",
		`{{ title "a" }}`:                  "the function title is not supported",
		`{{ .Sync.Source 3 }}`:             "is not a function",
	} {
		p.errs = &core.ValidationError{}
		_, ok := p.expand(in, "x", fields)
		assert.False(t, ok, in)
		require.Len(t, p.errs.Fields, 1, in)
		assert.Contains(t, p.errs.Fields[0].Reason, want, in)
	}
}

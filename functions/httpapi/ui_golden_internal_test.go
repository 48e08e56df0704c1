package httpapi

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

var update = flag.Bool("update", false, "rewrite the status page's golden files in testdata/ui")

// hostile is markup a task, a job or a rule may carry in its strings.
const hostile = `<script>alert(1)</script> "><img src=x onerror=alert(1)> it's`

// uiFull fills every part of the page: a note, a config digest, a
// reconciliation, a job that ran and one that did not, and hostile
// strings in every kind of place (element text and attribute values).
func uiFull() uiPage {
	return uiPage{Now: "2025-01-02 03:04:05 UTC", Refresh: "10s", RefreshSeconds: 10, Engines: []string{"registry", "acr"},
		ConfigSource: "/etc/imagesync.yaml", ConfigDigest: "sha256:c0ffee" + hostile,
		Tasks: []uiTask{
			{Status: "SUCCESS", Class: "success", When: "2025-01-02 03:04:00", Source: "src.io/team/app:v1", Target: "dst.io/team/app:v1",
				Digest: "sha256:" + strings.Repeat("ab", 32), ShortDigest: strings.Repeat("ab", 6), Bytes: "1.5 KiB", Took: "12ms", Note: "up to date"},
			{Status: "FAILED", Class: "failed", When: "2025-01-02 03:03:00", Source: "src.io/" + hostile, Target: "dst.io/" + hostile,
				Digest: "sha256:" + hostile, ShortDigest: hostile, Error: "conflict: " + hostile, Note: "dry run"},
		},
		Jobs: []uiJob{
			{Name: "nightly" + hostile, Schedule: "0 3 * * *", NextRun: "2025-01-02 04:34 UTC (in 1h)", Sources: "src.io/team/app",
				Tags: "semver >=1; latest 3 (highest)", Targets: "dst.io/${path}:${tag} (override)", LastRun: "2025-01-02 03:00:00 (4m ago, took 2s)",
				LastResult: "copied 2, skipped 0, failed 0; " + hostile, Class: "success"},
			{Name: "always", Schedule: "every tick", NextRun: "next tick", Sources: "src.io/team/web", Tags: "all tags", Targets: "dst.io/web", LastRun: "not yet"},
		},
		Rules: []uiRule{{Name: "mirror" + hostile, Registry: "src.io", Repository: "team/**", Tags: "exclude tmp-.*", Targets: "dst.io/${path}:${tag}"}},
		AutoSyncs: []uiAutoSync{{Name: "to-beijing" + hostile, Engine: "acr", Source: "acr://cn-hangzhou/cri-src/team/app",
			Target: "acr://cn-beijing/cri-dst/team", TagFilter: "v.*"}},
		Reconciled: "2025-01-02 03:00:00: created 1, kept 0, deleted 0, errors 0",
	}
}

// The page's markup is the golden one, compared as parsed HTML (white
// space between elements and the spelling of escapes do not count; every
// element, attribute and text does). The goldens were recorded from the
// html/template rendering the page had before ui_render.go.
func TestUIGolden(t *testing.T) {
	for name, p := range map[string]uiPage{
		"full":  uiFull(),
		"empty": {Now: "2025-01-02 03:04:05 UTC", Refresh: "1m0s", RefreshSeconds: 60, ConfigSource: "not told"},
	} {
		t.Run(name, func(t *testing.T) {
			got := renderUI(p)
			file := filepath.Join("testdata", "ui", name+".html")
			if *update {
				require.NoError(t, os.WriteFile(file, got, 0o644))
			}
			want, err := os.ReadFile(file)
			require.NoError(t, err)
			assert.Equal(t, normalHTML(t, want), normalHTML(t, got))
		})
	}
}

// normalHTML parses b and renders it again without the text nodes that
// are only white space, one element a line.
func normalHTML(t *testing.T, b []byte) string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	require.NoError(t, err)
	var drop func(*html.Node)
	drop = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.TextNode && strings.TrimSpace(c.Data) == "" {
				n.RemoveChild(c)
			} else {
				drop(c)
			}
			c = next
		}
	}
	drop(doc)
	var out bytes.Buffer
	require.NoError(t, html.Render(&out, doc))
	return strings.ReplaceAll(out.String(), "><", ">\n<")
}

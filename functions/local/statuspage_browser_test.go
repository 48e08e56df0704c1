package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

// chromium finds Debian's Chromium (make test installs it); without it
// the test is skipped, except in CI.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("chromium is missing: run make test, which installs it")
	}
	t.Skip("chromium is missing (make test installs it)")
	return ""
}

// headless runs Chromium headless on url and returns the DOM it rendered
// (after the page's own processing), and, when shot is not "", saves a
// screenshot there.
func headless(t *testing.T, browser, url, shot string) string {
	t.Helper()
	args := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
		"--user-data-dir=" + t.TempDir(), "--window-size=1500,1100"}
	if shot != "" {
		args = append(args, "--screenshot="+shot)
	} else {
		args = append(args, "--dump-dom")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, append(args, url)...)
	cmd.Dir = t.TempDir()
	out, err := cmd.Output()
	require.NoError(t, err, "chromium: %s", out)
	return string(out)
}

// section is the text of the element with the id, cells apart.
func section(doc *html.Node, id string) string {
	var found *html.Node
	var find func(*html.Node)
	find = func(n *html.Node) {
		for _, a := range n.Attr {
			if a.Key == "id" && a.Val == id {
				found = n
			}
		}
		for c := n.FirstChild; c != nil && found == nil; c = c.NextSibling {
			find(c)
		}
	}
	find(doc)
	if found == nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Data == "td" || n.Data == "th" || n.Data == "tr":
			b.WriteString(" ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(found)
	return strings.Join(strings.Fields(b.String()), " ")
}

// TestStatusPageInABrowser serves the built binary with jobs, a push rule
// and an auto-sync rule, makes real tasks (a copy between two
// docker-registries, a skip, a refused conflict, a tick of a job), and
// reads the status page as headless Chromium renders it: each section's
// text holds what happened.
func TestStatusPageInABrowser(t *testing.T) {
	browser := chromium(t)
	src, dst := registrytest.Distribution(t, ""), registrytest.Distribution(t, "")
	d1 := registrytest.PushIndex(t, src+"/team/app:v1", 256<<10, 2, 2)
	registrytest.PushIndex(t, src+"/team/app:v2", 64<<10, 1, 2)
	registrytest.PushIndex(t, src+"/team/web:1.0.0", 32<<10, 1, 1)
	api := serveWith(t, buildBinary(t), registrytest.FreeAddr(t), fmt.Sprintf(`jobs:
  - name: web-nightly
    schedule: "0 3 * * *"
    sources: ["%[1]s/team/web"]
    tags: {semver: ">=1"}
    targets: [{image: "%[2]s/mirror/web:${tag}"}]
onPush:
  - name: mirror-team
    match: {registry: %[1]q, repository: "team/**", tags: {exclude: ["tmp-.*"]}}
    targets: [{image: "%[2]s/mirror/${path}:${tag}"}]
`, src, dst))

	for _, body := range []string{
		syncBody(src+"/team/app:v1", dst+"/mirror/app:v1", ""),
		syncBody(src+"/team/app:v1", dst+"/mirror/app:v1", ""),
		syncBody(src+"/team/app:v2", dst+"/mirror/app:v1", ""),
	} {
		post(t, api, body)
	}
	res, err := http.Post(api+"/v1/ticks", "application/json", strings.NewReader(`{"jobs":["web-nightly"]}`))
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)

	dom := headless(t, browser, api+"/", "")
	doc, err := html.Parse(strings.NewReader(dom))
	require.NoError(t, err)
	assert.Contains(t, section(doc, "engines"), "registry")

	tasks := section(doc, "tasks")
	for _, want := range []string{
		"SUCCESS", "FAILED", "up to date",
		src + "/team/app:v1 " + dst + "/mirror/app:v1 " + strings.TrimPrefix(d1, "sha256:")[:12],
		src + "/team/web:1.0.0",
		"conflict: target " + dst + "/mirror/app:v1 holds " + d1,
	} {
		assert.Contains(t, tasks, want)
	}
	assert.Regexp(t, `\d+\.\d KiB \d+(\.\d)?(ms|s)`, tasks, "bytes and how long")

	jobs := section(doc, "jobs")
	for _, want := range []string{"web-nightly 0 3 * * *", src + "/team/web", "semver >=1", "copied 1, skipped 0, failed 0"} {
		assert.Contains(t, jobs, want)
	}
	assert.Contains(t, section(doc, "push-rules"), "mirror-team "+src+" team/** exclude tmp-.* "+dst+"/mirror/${path}:${tag}")
	assert.Contains(t, section(doc, "auto-sync"), "No auto-sync rule is configured.")
	if shot := os.Getenv("IMAGESYNC_STATUS_SCREENSHOT"); shot != "" { // a picture for people: not compared
		headless(t, browser, api+"/", shot)
	}
}

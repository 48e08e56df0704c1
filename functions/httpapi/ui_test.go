package httpapi_test

import (
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/functions/httpapi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

// scripted is a registry engine whose syncs succeed (1.5 KiB copied)
// unless the target's tag is "bad", which fails with a message holding
// markup, or "hostile", which fails with hostile markup in the task's
// source, target, digest and error; it lists two tags for every repository.
type scripted struct{}

func (scripted) Name() string { return core.EngineRegistry }
func (scripted) ListTags(context.Context, string) ([]string, error) {
	return []string{"1.0.0", "1.1.0"}, nil
}
func (scripted) Sync(_ context.Context, r core.SyncRequest) (core.Task, error) {
	if strings.HasSuffix(r.Target.Image, ":bad") {
		return core.Task{}, core.Errorf(core.ErrConflict, `target holds another digest <script>alert("x")</script>`)
	}
	if strings.HasSuffix(r.Target.Image, ":hostile") {
		return core.Task{Source: core.Endpoint{Image: "src.io/" + markup}, Target: core.Endpoint{Image: "dst.io/" + markup},
			Digest: "sha256:" + markup}, core.Errorf(core.ErrConflict, "%s", markup)
	}
	return core.Task{Status: core.StatusSuccess, Digest: "sha256:" + strings.Repeat("ab", 32), Bytes: 1536}, nil
}

func uiService(t *testing.T) *core.Service {
	svc := core.New(core.WithEngine(scripted{}), core.WithTriggers(core.Triggers{
		Jobs: []core.Job{
			{Name: "nightly", Schedule: "0 3 * * *", Sources: []string{"src.io/team/app"}, Tags: core.TagFilter{Semver: ">=1", Latest: 3},
				Targets: []core.TargetTemplate{{Endpoint: core.Endpoint{Image: "dst.io/${path}:${tag}"}, Override: true}}},
			{Name: "always", Sources: []string{"src.io/team/web"}, Targets: []core.TargetTemplate{{Endpoint: core.Endpoint{Image: "dst.io/web"}}}},
		},
		OnPush: []core.PushRule{{Name: "mirror-team", Match: core.PushMatch{Registry: "src.io", Repository: "team/**",
			Tags: core.TagFilter{Exclude: []string{"tmp-.*"}}}, Targets: []core.TargetTemplate{{Endpoint: core.Endpoint{Image: "dst.io/${path}:${tag}"}}}}},
		AutoSync: []core.AutoSync{{Name: "imagesync-app-to-beijing", Engine: "acr",
			Source: core.Endpoint{Engine: "acr", Region: "cn-hangzhou", Instance: "cri-src", Namespace: "team", Repository: "app"},
			Target: core.Endpoint{Engine: "acr", Region: "cn-beijing", Instance: "cri-dst", Namespace: "team"}, TagFilter: "v.*"}},
	}))
	ctx := context.Background()
	_, err := svc.Sync(ctx, core.SyncRequest{Source: core.Endpoint{Image: "src.io/team/app:v1"}, Target: core.Endpoint{Image: "dst.io/team/app:v1"}})
	require.NoError(t, err)
	_, err = svc.Sync(ctx, core.SyncRequest{Source: core.Endpoint{Image: "src.io/team/app:v2"}, Target: core.Endpoint{Image: "dst.io/team/app:bad"}})
	require.Error(t, err)
	_, err = svc.OnTick(ctx, core.Tick{Jobs: []string{"nightly"}}, false)
	require.NoError(t, err)
	return svc
}

func getPage(t *testing.T, h http.Handler, path string, header ...string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	body, _ := io.ReadAll(rec.Result().Body)
	return rec.Result(), string(body)
}

// byID finds the element with the id.
func byID(n *html.Node, id string) *html.Node {
	if n.Type == html.ElementNode {
		for _, a := range n.Attr {
			if a.Key == "id" && a.Val == id {
				return n
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := byID(c, id); f != nil {
			return f
		}
	}
	return nil
}

// all finds the elements whose tag (and class, when given) match.
func all(n *html.Node, tag, class string) []*html.Node {
	var out []*html.Node
	if n.Type == html.ElementNode && n.Data == tag {
		for _, a := range n.Attr {
			if class == "" || a.Key == "class" && a.Val == class {
				out = append(out, n)
				break
			}
		}
		if class == "" && len(n.Attr) == 0 {
			out = append(out, n)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = append(out, all(c, tag, class)...)
	}
	return out
}

// text is the text of n, runs of white space made one space.
func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Data == "td" || n.Data == "th":
			b.WriteString(" ") // cells are apart on the screen
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// The status page parses as HTML and holds, each in its place: the
// engines and the config source, the recent tasks with status, source,
// target, digest, bytes, duration and error (escaped), the jobs with
// schedule, next run and last run, the push rules and the auto-syncs.
func TestStatusPage(t *testing.T) {
	next := func(schedule string, now time.Time) (time.Time, error) {
		if schedule != "0 3 * * *" {
			return time.Time{}, errors.New("unexpected schedule " + schedule)
		}
		return now.Add(90 * time.Minute), nil
	}
	h := httpapi.New(uiService(t), httpapi.WithSecurity(httpapi.Security{Mode: "none"}),
		httpapi.WithStatusPage(httpapi.StatusPage{ConfigSource: "/etc/imagesync.yaml", ConfigDigest: "sha256:c0ffee", NextRun: next}))
	res, body := getPage(t, h, "/")
	require.Equal(t, http.StatusOK, res.StatusCode, body)
	assert.Equal(t, "text/html; charset=utf-8", res.Header.Get("Content-Type"))
	assert.Contains(t, res.Header.Get("Content-Security-Policy"), "default-src 'none'", "no script, no external asset")
	doc, err := html.Parse(strings.NewReader(body))
	require.NoError(t, err)

	assert.Equal(t, "registry", text(byID(doc, "engines")))
	assert.Equal(t, "/etc/imagesync.yaml", text(byID(doc, "config-source")))
	metas := all(doc, "meta", "")
	refresh := ""
	for _, m := range metas {
		for _, a := range m.Attr {
			if a.Key == "content" && len(m.Attr) == 2 && m.Attr[0].Val == "refresh" {
				refresh = a.Val
			}
		}
	}
	assert.Equal(t, "10", refresh, "reloads itself without JavaScript")
	assert.Empty(t, all(doc, "script", ""), "no script element: the error text is escaped")
	assert.Empty(t, all(doc, "link", ""), "no external stylesheet")

	rows := all(byID(doc, "tasks"), "tr", "task")
	require.Len(t, rows, 4, "two syncs of the tick, the failure, the first copy; newest first")
	assert.Contains(t, text(rows[0]), "SUCCESS")
	var failed string
	for _, r := range rows {
		if strings.Contains(text(r), "FAILED") {
			failed = text(r)
		}
	}
	assert.Contains(t, failed, "src.io/team/app:v2 dst.io/team/app:bad")
	assert.Contains(t, failed, `conflict: target holds another digest <script>alert("x")</script>`)
	last := text(rows[3])
	for _, want := range []string{"SUCCESS", "src.io/team/app:v1", "dst.io/team/app:v1", "abababababab", "1.5 KiB"} {
		assert.Contains(t, last, want)
	}
	assert.Regexp(t, `\d+(µs|ms|ns|s)`, last, "how long it took")

	jobs := all(byID(doc, "jobs"), "tr", "job")
	require.Len(t, jobs, 2)
	nightly := text(jobs[0])
	for _, want := range []string{"nightly", "0 3 * * *", "(in 1h)", "src.io/team/app", "semver >=1; latest 3 (highest)",
		"dst.io/${path}:${tag} (override)", "ago, took", "copied 2, skipped 0, failed 0"} {
		assert.Contains(t, nightly, want)
	}
	assert.Contains(t, text(jobs[1]), "always every tick next tick")
	assert.Contains(t, text(jobs[1]), "not yet")
	assert.Equal(t, "mirror-team src.io team/** exclude tmp-.* dst.io/${path}:${tag}", text(all(byID(doc, "push-rules"), "tr", "rule")[0]))
	assert.Equal(t, "imagesync-app-to-beijing acr acr://cn-hangzhou/cri-src/team/app acr://cn-beijing/cri-dst/team v.*",
		text(all(byID(doc, "auto-sync"), "tr", "autosync")[0]))

	res, same := getPage(t, h, "/ui")
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, len(body), len(same))
}

// The page is behind the same authentication as the API's reads.
func TestStatusPageNeedsAuth(t *testing.T) {
	const token = "status-page-token-4e1f9a0c2b7d"
	h := httpapi.New(uiService(t), httpapi.WithSecurity(httpapi.Security{Tokens: []httpapi.Token{{Principal: core.Principal{Name: "ops"}, SHA256: sha256.Sum256([]byte(token))}}}))
	for _, path := range []string{"/", "/ui"} {
		res, _ := getPage(t, h, path)
		assert.Equal(t, http.StatusUnauthorized, res.StatusCode, path)
		res, body := getPage(t, h, path, "Authorization", "Bearer "+token)
		assert.Equal(t, http.StatusOK, res.StatusCode, path)
		assert.Contains(t, body, "Recent tasks")
	}
	res, _ := getPage(t, h, "/nope")
	assert.Equal(t, http.StatusUnauthorized, res.StatusCode)
}

// A caller whose token has a policy sees only the tasks it could have
// asked for.
func TestStatusPageShowsAPolicysTasksOnly(t *testing.T) {
	const token = "status-page-web-only-93c0d1e2f4a5"
	svc := uiService(t)
	_, err := svc.Sync(context.Background(), core.SyncRequest{Source: core.Endpoint{Image: "src.io/team/web:v1"}, Target: core.Endpoint{Image: "dst.io/team/web:v1"}})
	require.NoError(t, err)
	webOnly := &core.Policy{Name: "web", Sources: []core.Allow{{Repository: "team/web"}}, Targets: []core.Allow{{}}}
	h := httpapi.New(svc, httpapi.WithSecurity(httpapi.Security{Tokens: []httpapi.Token{
		{Principal: core.Principal{Name: "web", Policy: webOnly}, SHA256: sha256.Sum256([]byte(token))}}}))
	res, body := getPage(t, h, "/", "Authorization", "Bearer "+token)
	require.Equal(t, http.StatusOK, res.StatusCode)
	doc, err := html.Parse(strings.NewReader(body))
	require.NoError(t, err)
	rows := all(byID(doc, "tasks"), "tr", "task")
	require.Len(t, rows, 1, "of five tasks, one is team/web's")
	assert.Contains(t, text(rows[0]), "src.io/team/web:v1")
}

// With nothing configured nor run, each section says so.
func TestStatusPageEmpty(t *testing.T) {
	h := httpapi.New(core.New(core.WithEngine(scripted{})), httpapi.WithSecurity(httpapi.Security{Mode: "none"}))
	res, body := getPage(t, h, "/")
	require.Equal(t, http.StatusOK, res.StatusCode)
	doc, err := html.Parse(strings.NewReader(body))
	require.NoError(t, err)
	assert.Equal(t, "not told", text(byID(doc, "config-source")))
	for id, want := range map[string]string{"tasks": "No task yet.", "jobs": "No job is configured.",
		"push-rules": "No push rule is configured.", "auto-sync": "No auto-sync rule is configured."} {
		assert.Contains(t, text(byID(doc, id)), want)
	}
}

// markup is what, unescaped,, would run a script or load an image
// from element text or break out of a double- or single-quoted attribute.
const markup = `<script>alert(1)</script>"><img src=x onerror=alert(1)>'`

// Every string the page shows is escaped: a task's source, target, digest
// (in text and in a title attribute) and error, a job's, a push rule's and
// an auto-sync's name come out as text, and no element comes of them.
func TestStatusPageEscapes(t *testing.T) {
	svc := core.New(core.WithEngine(scripted{}), core.WithTriggers(core.Triggers{
		Jobs: []core.Job{{Name: "job" + markup, Sources: []string{"src.io/team/web"},
			Targets: []core.TargetTemplate{{Endpoint: core.Endpoint{Image: "dst.io/web"}}}}},
		OnPush: []core.PushRule{{Name: "rule" + markup, Targets: []core.TargetTemplate{{Endpoint: core.Endpoint{Image: "dst.io/x"}}}}},
		AutoSync: []core.AutoSync{{Name: "auto" + markup, Engine: "acr",
			Source: core.Endpoint{Engine: "acr", Region: "r", Instance: "i", Namespace: "n"}, Target: core.Endpoint{Engine: "acr", Region: "r2", Instance: "i2", Namespace: "n"}}},
	}))
	_, err := svc.Sync(context.Background(), core.SyncRequest{Source: core.Endpoint{Image: "src.io/team/app:v1"}, Target: core.Endpoint{Image: "dst.io/team/app:hostile"}})
	require.Error(t, err)
	h := httpapi.New(svc, httpapi.WithSecurity(httpapi.Security{Mode: "none"}),
		httpapi.WithStatusPage(httpapi.StatusPage{ConfigSource: "/etc/" + markup, ConfigDigest: "sha256:" + markup}))
	res, body := getPage(t, h, "/")
	require.Equal(t, http.StatusOK, res.StatusCode)

	assert.NotContains(t, body, "<script>", "raw markup in the body")
	assert.NotContains(t, body, "<img", "raw markup in the body")
	assert.Contains(t, body, "&lt;script&gt;alert(1)&lt;/script&gt;&#34;&gt;&lt;img src=x onerror=alert(1)&gt;&#39;")
	doc, err := html.Parse(strings.NewReader(body))
	require.NoError(t, err)
	assert.Empty(t, all(doc, "script", ""), "no script element")
	assert.Empty(t, all(doc, "img", ""), "no img element")

	task := all(byID(doc, "tasks"), "tr", "task")
	require.Len(t, task, 1)
	for _, want := range []string{"src.io/" + markup, "dst.io/" + markup, "conflict: " + markup} {
		assert.Contains(t, text(task[0]), want)
	}
	digest := all(task[0], "td", "mono digest")
	require.Len(t, digest, 1)
	assert.Equal(t, []html.Attribute{{Key: "class", Val: "mono digest"}, {Key: "title", Val: "sha256:" + markup}}, digest[0].Attr,
		"the value stays inside its attribute")
	assert.Equal(t, "/etc/"+markup, text(byID(doc, "config-source")))
	assert.Contains(t, text(byID(doc, "jobs")), "job"+markup)
	assert.Contains(t, text(byID(doc, "push-rules")), "rule"+markup)
	assert.Contains(t, text(byID(doc, "auto-sync")), "auto"+markup)
}

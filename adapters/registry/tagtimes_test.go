package registry_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func ts(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

// hubEmulator answers Docker Hub's tag listing of library/alpine in two
// pages, linked by next, and fails the test on anything else.
func hubEmulator(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var pages atomic.Int32
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pages.Add(1)
		assert.Equal(t, "/v2/namespaces/library/repositories/alpine/tags", r.URL.Path)
		assert.Equal(t, "last_updated", r.URL.Query().Get("ordering"))
		assert.Equal(t, "100", r.URL.Query().Get("page_size"))
		assert.Empty(t, r.Header.Get("Authorization"), "Docker Hub's API is asked anonymously")
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Query().Get("page") == "" {
			fmt.Fprintf(w, `{"count":4,"next":%q,"previous":null,"results":[
				{"name":"3.20","tag_last_pushed":"2026-01-03T10:00:00.506400Z","last_updated":"2026-01-04T00:00:00Z","digest":"sha256:aa"},
				{"name":"3.19","tag_last_pushed":null,"last_updated":"2026-01-02T00:00:00Z"},
				{"name":"ghost","tag_last_pushed":null,"last_updated":null}]}`,
				srv.URL+r.URL.Path+"?page=2&page_size=100&ordering=last_updated")
			return
		}
		assert.Equal(t, "2", r.URL.Query().Get("page"))
		fmt.Fprint(w, `{"count":4,"next":null,"previous":"x","results":[
			{"name":"3.18","tag_last_pushed":"2025-12-01T10:00:00Z","last_updated":"2026-01-05T00:00:00Z"}]}`)
	}))
	t.Cleanup(srv.Close)
	return srv, &pages
}

func TestTagTimesDockerHub(t *testing.T) {
	hub, pages := hubEmulator(t)
	// a Docker Hub login is configured, and still never sent to the API
	kc := reg.StaticKeychain([]reg.Credential{{Host: "docker.io", Username: "me", PasswordEnv: "PW"}}, env(map[string]string{"PW": secret}))
	e, err := reg.New(reg.WithKeychain(kc), reg.WithDockerHubAPI(hub.URL+"/"))
	require.NoError(t, err)
	want := map[string]time.Time{
		"3.20": ts("2026-01-03T10:00:00.5064Z"), // tag_last_pushed first
		"3.19": ts("2026-01-02T00:00:00Z"),      // else last_updated
		"3.18": ts("2025-12-01T10:00:00Z"),
	}
	for _, repo := range []string{"docker.io/library/alpine", "docker.io/alpine", "index.docker.io/alpine", "registry-1.docker.io/alpine"} {
		t.Run(repo, func(t *testing.T) {
			pages.Store(0)
			got, err := e.TagTimes(context.Background(), repo)
			require.NoError(t, err)
			assert.Equal(t, want, got)
			assert.EqualValues(t, 2, pages.Load())
		})
	}
}

func TestTagTimesDockerHubErrors(t *testing.T) {
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { elsewhere.Add(1) }))
	t.Cleanup(other.Close)
	for _, c := range []struct {
		name   string
		answer func(w http.ResponseWriter)
		kind   error
		says   string
		after  time.Duration
	}{
		{"404", func(w http.ResponseWriter) { http.Error(w, `{"message":"object not found"}`, http.StatusNotFound) },
			core.ErrNotFound, "only for public repositories without a login", 0},
		{"401", func(w http.ResponseWriter) { http.Error(w, `{}`, http.StatusUnauthorized) },
			core.ErrUnauthorized, "only for public repositories without a login", 0},
		{"429", func(w http.ResponseWriter) { w.Header().Set("Retry-After", "7"); w.WriteHeader(429) },
			core.ErrThrottled, "HTTP 429", 7 * time.Second},
		{"502", func(w http.ResponseWriter) { w.WriteHeader(502) }, core.ErrUnavailable, "HTTP 502", 0},
		{"not JSON", func(w http.ResponseWriter) { fmt.Fprint(w, "<html>") }, core.ErrUnavailable, "no JSON", 0},
		{"next elsewhere", func(w http.ResponseWriter) {
			fmt.Fprintf(w, `{"next":%q,"results":[]}`, other.URL+"/v2/namespaces/library/repositories/alpine/tags?page=2")
		}, core.ErrForbidden, "not followed", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			hub := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { c.answer(w) }))
			t.Cleanup(hub.Close)
			e, err := reg.New(reg.WithDockerHubAPI(hub.URL))
			require.NoError(t, err)
			_, err = e.TagTimes(context.Background(), "docker.io/alpine")
			require.ErrorIs(t, err, c.kind)
			assert.Contains(t, err.Error(), c.says)
			assert.Equal(t, c.after, core.RetryAfter(err))
		})
	}
	assert.Zero(t, elsewhere.Load(), "a next page on another host is never asked")
}

// fakeHarbor serves Harbor's artifact listing of proj/team/app itself, to
// robot:secret only, and proxies the rest to an in-memory registry.
func fakeHarbor(t *testing.T) (host string, pages *atomic.Int32) {
	t.Helper()
	upstream := registrytest.InMemory(t)
	proxy := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: "http", Host: upstream})
	pages = new(atomic.Int32)
	base := ts("2026-01-01T00:00:00Z")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.URL.Path, "/api/v2.0/") {
			proxy.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		if u, p, ok := r.BasicAuth(); !ok || u != "robot" || p != secret {
			w.WriteHeader(401)
			fmt.Fprint(w, `{"errors":[{"code":"UNAUTHORIZED","message":"unauthorized"}]}`)
			return
		}
		if r.URL.EscapedPath() != "/api/v2.0/projects/proj/repositories/team%252Fapp/artifacts" {
			w.WriteHeader(404)
			fmt.Fprint(w, `{"errors":[{"code":"NOT_FOUND","message":"repository not found"}]}`)
			return
		}
		q := r.URL.Query()
		assert.Equal(t, "true", q.Get("with_tag"))
		assert.Equal(t, "100", q.Get("page_size"))
		pages.Add(1)
		type tag struct {
			Name     string `json:"name"`
			PushTime string `json:"push_time,omitempty"`
		}
		type artifact struct {
			Digest   string `json:"digest"`
			PushTime string `json:"push_time"`
			Tags     []tag  `json:"tags"`
		}
		var arts []artifact
		switch q.Get("page") {
		case "1": // a full page: there is another
			for i := range 100 {
				a := artifact{Digest: fmt.Sprintf("sha256:%064d", i), PushTime: base.Add(time.Duration(i) * time.Hour).Format(time.RFC3339Nano)}
				switch {
				case i == 0: // untagged
				case i == 1: // two tags, one moved here later
					a.Tags = []tag{{Name: "v1.1", PushTime: "2026-02-01T00:00:00.000Z"}, {Name: "stable"}}
				default:
					a.Tags = []tag{{Name: fmt.Sprintf("v0.%d", i), PushTime: base.Add(time.Duration(i) * time.Minute).Format(time.RFC3339Nano)}}
				}
				arts = append(arts, a)
			}
		case "2":
			arts = []artifact{{Digest: "sha256:f", PushTime: "2025-06-01T00:00:00Z", Tags: []tag{{Name: "old"}}}}
		default:
			t.Errorf("page %q asked", q.Get("page"))
		}
		assert.NoError(t, json.NewEncoder(w).Encode(arts))
	}))
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://"), pages
}

func TestTagTimesHarbor(t *testing.T) {
	host, pages := fakeHarbor(t)
	kc := reg.StaticKeychain([]reg.Credential{{Host: host, Username: "robot", PasswordEnv: "PW"}}, env(map[string]string{"PW": secret}))
	e, err := reg.New(reg.WithKeychain(kc))
	require.NoError(t, err)

	registrytest.PushIndex(t, host+"/proj/team/app:v1.1", 256, 1, 1) // it is a registry too
	tags, err := e.ListTags(context.Background(), host+"/proj/team/app")
	require.NoError(t, err)
	assert.Equal(t, []string{"v1.1"}, tags)

	got, err := e.TagTimes(context.Background(), host+"/proj/team/app")
	require.NoError(t, err)
	assert.EqualValues(t, 2, pages.Load(), "a full page, then a short one")
	require.Len(t, got, 98+2+1)
	assert.Equal(t, ts("2026-02-01T00:00:00Z"), got["v1.1"], "the tag's push_time")
	assert.Equal(t, ts("2026-01-01T01:00:00Z"), got["stable"], "else the artifact's")
	assert.Equal(t, ts("2026-01-01T00:42:00Z"), got["v0.42"])
	assert.Equal(t, ts("2025-06-01T00:00:00Z"), got["old"])

	_, err = e.TagTimes(context.Background(), host+"/proj/missing")
	require.ErrorIs(t, err, core.ErrNotFound)

	anon, err := reg.New(reg.WithKeychain(reg.StaticKeychain(nil, env(nil))))
	require.NoError(t, err)
	_, err = anon.TagTimes(context.Background(), host+"/proj/team/app")
	require.ErrorIs(t, err, core.ErrUnauthorized)
	assert.NotContains(t, err.Error(), secret)
}

func TestTagTimesNotHarbor(t *testing.T) {
	host := registrytest.InMemory(t)
	registrytest.PushIndex(t, host+"/proj/app:v1", 256, 1, 1)
	e, err := reg.New(reg.WithKeychain(reg.StaticKeychain(nil, env(nil))))
	require.NoError(t, err)
	for _, repo := range []string{host + "/proj/app", host + "/app"} {
		_, err = e.TagTimes(context.Background(), repo)
		require.ErrorIs(t, err, core.ErrInvalid, repo)
		assert.EqualError(t, err, host+" does not tell when tags were pushed (Docker Hub, quay.io, Harbor, ECR, SWR, ACR EE and Google's do): order by semver instead")
	}
}

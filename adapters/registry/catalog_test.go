package registry_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// countingRT counts the requests whose path is path.
type countingRT struct {
	path string
	n    atomic.Int32
	next http.RoundTripper
}

func (c *countingRT) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.URL.Path == c.path {
		c.n.Add(1)
	}
	return c.next.RoundTrip(r)
}

func golden(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("testdata/catalog/" + name)
	require.NoError(t, err)
	return string(b)
}

func TestListRepositoriesPagesTheCatalog(t *testing.T) {
	host := registrytest.Distribution(t, "")
	team := []string{}
	for i := range 20 {
		team = append(team, fmt.Sprintf("team/app%02d", i))
	}
	registrytest.PushTree(t, host, "v1", append(team, "teams/x", "other/a", "other/b")...)
	rt := &countingRT{path: "/v2/_catalog", next: http.DefaultTransport}
	e, err := reg.New(reg.WithCatalogPageSize(5), reg.WithTransport(rt))
	require.NoError(t, err)

	l, err := e.ListRepositories(context.Background(), host, "team")
	require.NoError(t, err)
	assert.Equal(t, team, l.Repositories, "teams/x is not under team")
	assert.Empty(t, l.Problems)
	assert.EqualValues(t, 5, rt.n.Load(), "23 repositories, 5 a page, every Link followed")

	l, err = e.ListRepositories(context.Background(), host, "")
	require.NoError(t, err)
	assert.Len(t, l.Repositories, 23)
}

func TestListRepositoriesFollowsARegistryThatCapsItsPages(t *testing.T) {
	host := registrytest.Distribution(t, "catalog:\n  maxentries: 4\n")
	registrytest.PushTree(t, host, "v1", "a/1", "a/2", "a/3", "a/4", "a/5", "b/1")
	e, err := reg.New() // asks n=1000: refused, then paged at the registry's 4
	require.NoError(t, err)
	l, err := e.ListRepositories(context.Background(), host, "a")
	require.NoError(t, err)
	assert.Equal(t, []string{"a/1", "a/2", "a/3", "a/4", "a/5"}, l.Repositories)
}

// fakeHarborAPI is a Harbor whose catalog is for system admins only: it
// refuses /v2/_catalog and answers /api/v2.0 to robot:pw.
func fakeHarborAPI(t *testing.T) string {
	upstream := registrytest.InMemory(t)
	proxy := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: "http", Host: upstream})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		u, p, _ := r.BasicAuth()
		switch {
		case r.URL.Path == "/v2/_catalog":
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, `{"errors":[{"code":"UNAUTHORIZED","message":"unauthorized to list catalog"}]}`)
		case !strings.HasPrefix(r.URL.Path, "/api/v2.0/"):
			proxy.ServeHTTP(w, r)
		case u != "robot" || p != "pw":
			w.WriteHeader(http.StatusUnauthorized)
		case r.URL.Path == "/api/v2.0/projects":
			assert.Equal(t, "100", r.URL.Query().Get("page_size"))
			fmt.Fprint(w, golden(t, "harbor_projects.json"))
		case r.URL.Path == "/api/v2.0/projects/team/repositories":
			fmt.Fprint(w, golden(t, "harbor_team_repositories.json"))
		default:
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprint(w, `{"errors":[{"code":"FORBIDDEN","message":"forbidden"}]}`)
		}
	}))
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://")
}

func TestListRepositoriesAsksHarborWhenTheCatalogIsRefused(t *testing.T) {
	host := fakeHarborAPI(t)
	kc := reg.StaticKeychain([]reg.Credential{{Host: host, Username: "robot", PasswordEnv: "PW"}}, env(map[string]string{"PW": "pw"}))
	e, err := reg.New(reg.WithKeychain(kc))
	require.NoError(t, err)

	l, err := e.ListRepositories(context.Background(), host, "")
	require.NoError(t, err)
	assert.Equal(t, []string{"team/app", "team/sub/tool"}, l.Repositories)
	require.Len(t, l.Problems, 1, "a project that fails is reported, not fatal")
	assert.Contains(t, l.Problems[0], "Harbor project ops")

	l, err = e.ListRepositories(context.Background(), host, "team/sub")
	require.NoError(t, err)
	assert.Equal(t, []string{"team/sub/tool"}, l.Repositories)
	assert.Empty(t, l.Problems, "only the prefix's project is asked")

	anon, err := reg.New(reg.WithKeychain(reg.StaticKeychain(nil, env(nil))))
	require.NoError(t, err)
	_, err = anon.ListRepositories(context.Background(), host, "")
	assert.ErrorIs(t, err, core.ErrUnauthorized)
}

func TestListRepositoriesOfADockerHubNamespace(t *testing.T) {
	var hub *httptest.Server
	hub = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v2/namespaces/acme/repositories" {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		page := "hub_page1.json"
		if r.URL.Query().Get("page") == "2" {
			page = "hub_page2.json"
		}
		fmt.Fprint(w, strings.ReplaceAll(golden(t, page), "HUB", hub.URL))
	}))
	t.Cleanup(hub.Close)
	e, err := reg.New(reg.WithDockerHubAPI(hub.URL))
	require.NoError(t, err)

	l, err := e.ListRepositories(context.Background(), "docker.io", "acme")
	require.NoError(t, err)
	assert.Equal(t, []string{"acme/api", "acme/web", "acme/worker"}, l.Repositories)
	_, err = e.ListRepositories(context.Background(), "docker.io", "nobody")
	assert.ErrorIs(t, err, core.ErrNotFound)
	_, err = e.ListRepositories(context.Background(), "docker.io", "")
	assert.ErrorIs(t, err, core.ErrInvalid)
}

func TestListRepositoriesOfArtifactRegistry(t *testing.T) {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer ya29.token" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		switch r.URL.Path {
		case "/v1/projects/proj/locations/us/repositories":
			fmt.Fprint(w, golden(t, "ar_repositories.json"))
		case "/v1/projects/proj/locations/us/repositories/images/packages":
			assert.Equal(t, "1000", r.URL.Query().Get("pageSize"))
			if r.URL.Query().Get("pageToken") == "page-2" {
				fmt.Fprint(w, golden(t, "ar_packages_2.json"))
				return
			}
			fmt.Fprint(w, golden(t, "ar_packages_1.json"))
		default:
			w.WriteHeader(http.StatusNotFound)
		}
	}))
	t.Cleanup(api.Close)
	kc := reg.StaticKeychain([]reg.Credential{{Host: "us-docker.pkg.dev", Username: "oauth2accesstoken", PasswordEnv: "TOK"}},
		env(map[string]string{"TOK": "ya29.token"}))
	e, err := reg.New(reg.WithKeychain(kc), reg.WithArtifactRegistryAPI(api.URL))
	require.NoError(t, err)

	l, err := e.ListRepositories(context.Background(), "us-docker.pkg.dev", "proj")
	require.NoError(t, err)
	assert.Equal(t, []string{"proj/images/app", "proj/images/team/tool"}, l.Repositories, "DOCKER repositories only; package ids decoded")
	l, err = e.ListRepositories(context.Background(), "us-docker.pkg.dev", "proj/images/team")
	require.NoError(t, err)
	assert.Equal(t, []string{"proj/images/team/tool"}, l.Repositories)
	_, err = e.ListRepositories(context.Background(), "us-docker.pkg.dev", "proj/missing")
	assert.Error(t, err)
}

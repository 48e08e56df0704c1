package registry

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/imagesync/imagesync/core"
)

const (
	tagTimesPages    = 50      // pages read at most, of tagTimesPageSize each
	tagTimesPageSize = 100     // tags (Docker Hub) or artifacts (Harbor) a page
	tagTimesMaxPage  = 8 << 20 // bytes of one page's answer
	tagTimesMaxError = 64 << 10
)

var _ core.TagTimer = (*Engine)(nil)

// TagTimes tells when each tag of a repository (host/path) was last
// pushed, where the registry says so: the sources of WithTagTimes (ECR,
// SWR, ACR EE); Artifact Registry and Container Registry, whose tag lists
// carry upload times (with the registry's login); Docker Hub
// (WithDockerHubAPI) and quay.io, through their web APIs, asked without
// credentials, so public repositories only; and Harbor, through its
// /api/v2.0, with the keychain's login. Any other registry is ErrInvalid:
// jobs order its tags by semver instead. At most 50 pages of 100 are read
// from Docker Hub, quay.io and Harbor (Docker Hub's come newest first).
func (e *Engine) TagTimes(ctx context.Context, repository string) (map[string]time.Time, error) {
	repo, err := name.NewRepository(repository) // docker.io/alpine is docker.io/library/alpine
	if err != nil {
		return nil, core.Errorf(core.ErrInvalid, "repository %q: %v", repository, err)
	}
	for _, s := range e.tagSources {
		if s.Serves(repo.RegistryStr()) {
			return s.TagTimes(ctx, repo.RegistryStr(), repo.RepositoryStr())
		}
	}
	c := &http.Client{Transport: e.transport} // the engine's dialer and its address guard
	switch host := repo.RegistryStr(); {
	case host == name.DefaultRegistry || host == "docker.io" || host == "registry-1.docker.io":
		return e.hubTagTimes(ctx, c, repo)
	case GoogleHost(host):
		return e.googleTagTimes(ctx, repo)
	case host == "quay.io":
		return e.quayTagTimes(ctx, c, repo)
	}
	return e.harborTagTimes(ctx, c, repo)
}

// hubTagsPage is a page of Docker Hub's
// GET /v2/namespaces/{namespace}/repositories/{repository}/tags.
type hubTagsPage struct {
	Next    string `json:"next"`
	Results []struct {
		Name          string `json:"name"`
		TagLastPushed string `json:"tag_last_pushed"`
		LastUpdated   string `json:"last_updated"`
	} `json:"results"`
}

func (e *Engine) hubTagTimes(ctx context.Context, c *http.Client, repo name.Repository) (map[string]time.Time, error) {
	path := strings.Split(repo.RepositoryStr(), "/")
	if len(path) == 1 {
		path = []string{"library", path[0]}
	}
	if len(path) != 2 {
		return nil, core.Errorf(core.ErrInvalid, "Docker Hub repositories are namespace/name, not %s", repo.RepositoryStr())
	}
	full := path[0] + "/" + path[1]
	base := e.hubAPI
	if base == "" {
		base = DefaultDockerHubAPI
	}
	api, err := url.Parse(base)
	if err != nil || api.Scheme == "" || api.Host == "" {
		return nil, core.Errorf(core.ErrInvalid, "Docker Hub API %q is not an absolute URL", base)
	}
	next := fmt.Sprintf("%s/v2/namespaces/%s/repositories/%s/tags?page_size=%d&ordering=last_updated",
		base, url.PathEscape(path[0]), url.PathEscape(path[1]), tagTimesPageSize)
	what := "Docker Hub's tags of " + full
	times := map[string]time.Time{}
	for page := 0; next != ""; page++ {
		if page == tagTimesPages {
			e.log.Warn("tag times: stopped paging, older tags left out", "repository", repo.String(), "pages", page)
			break
		}
		u, err := url.Parse(next)
		if err != nil || u.Scheme != api.Scheme || u.Host != api.Host {
			return nil, core.Errorf(core.ErrForbidden, "%s: the next page is not on %s://%s: not followed", what, api.Scheme, api.Host)
		}
		status, h, body, err := e.tagTimesGet(ctx, c, u.String(), nil, what)
		if err != nil {
			return nil, err
		}
		switch {
		case status == http.StatusNotFound:
			return nil, core.Errorf(core.ErrNotFound, "Docker Hub has no public repository %s (404): its API answers only for public repositories without a login", full)
		case status == http.StatusUnauthorized || status == http.StatusForbidden:
			return nil, core.Errorf(core.ErrUnauthorized, "Docker Hub refused the tags of %s (%d): its API answers only for public repositories without a login", full, status)
		case status != http.StatusOK:
			return nil, tagTimesStatus(status, h, what)
		}
		var p hubTagsPage
		if err := json.Unmarshal(body, &p); err != nil {
			return nil, core.Errorf(core.ErrUnavailable, "%s: the answer is no JSON page of tags: %v", what, err)
		}
		for _, r := range p.Results {
			if t, ok := tagTime(r.TagLastPushed, r.LastUpdated); ok && r.Name != "" && t.After(times[r.Name]) {
				times[r.Name] = t
			}
		}
		next = p.Next
	}
	return times, nil
}

// harborArtifact is an item of Harbor's GET /api/v2.0/projects/{project_name}
// /repositories/{repository_name}/artifacts?with_tag=true.
type harborArtifact struct {
	PushTime string `json:"push_time"`
	Tags     []struct {
		Name     string `json:"name"`
		PushTime string `json:"push_time"`
	} `json:"tags"`
}

// harborErrors is Harbor's error answer.
type harborErrors struct {
	Errors []struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"errors"`
}

func (e *Engine) harborTagTimes(ctx context.Context, c *http.Client, repo name.Repository) (map[string]time.Time, error) {
	host := repo.RegistryStr()
	notHarbor := core.Errorf(core.ErrInvalid, "%s does not tell when tags were pushed (Docker Hub, quay.io, Harbor, ECR, SWR, ACR EE and Google's do): order by semver instead", host)
	project, rest, ok := strings.Cut(repo.RepositoryStr(), "/")
	if !ok { // Harbor's repositories are project/name
		return nil, notHarbor
	}
	auth, err := authn.Resolve(ctx, e.keychain, repo.Registry)
	if err != nil {
		return nil, classify(err, "resolving credentials for "+host)
	}
	cfg, err := auth.Authorization()
	if err != nil {
		return nil, classify(err, "resolving credentials for "+host)
	}
	// Harbor takes a repository name holding "/" URL-encoded twice (a/b: a%252Fb).
	base := fmt.Sprintf("%s://%s/api/v2.0/projects/%s/repositories/%s/artifacts",
		repo.Registry.Scheme(), host, url.PathEscape(project), url.PathEscape(url.PathEscape(rest)))
	what := "Harbor's artifacts of " + repo.String()
	times := map[string]time.Time{}
	for page := 1; page <= tagTimesPages; page++ {
		u := fmt.Sprintf("%s?with_tag=true&page_size=%d&page=%d", base, tagTimesPageSize, page)
		status, h, body, err := e.tagTimesGet(ctx, c, u, cfg, what)
		if err != nil {
			return nil, err
		}
		switch {
		case status == http.StatusNotFound:
			var he harborErrors
			if json.Unmarshal(body, &he) == nil && len(he.Errors) > 0 && he.Errors[0].Code == "NOT_FOUND" {
				return nil, core.Errorf(core.ErrNotFound, "Harbor at %s has no project %s or repository %s: %.200s", host, project, rest, he.Errors[0].Message)
			}
			return nil, notHarbor // no /api/v2.0 there
		case status == http.StatusUnauthorized || status == http.StatusForbidden:
			return nil, core.Errorf(core.KindOfStatus(status), "%s refused its Harbor API (/api/v2.0) with %d: check the login for %s (if it is no Harbor, order by semver instead)", host, status, host)
		case status != http.StatusOK:
			return nil, tagTimesStatus(status, h, what)
		}
		var arts []harborArtifact
		if err := json.Unmarshal(body, &arts); err != nil {
			if page == 1 {
				return nil, notHarbor // e.g. a web page
			}
			return nil, core.Errorf(core.ErrUnavailable, "%s: page %d is no JSON list of artifacts: %v", what, page, err)
		}
		for _, a := range arts {
			for _, tg := range a.Tags {
				if t, ok := tagTime(tg.PushTime, a.PushTime); ok && tg.Name != "" && t.After(times[tg.Name]) {
					times[tg.Name] = t
				}
			}
		}
		if len(arts) < tagTimesPageSize {
			return times, nil
		}
	}
	e.log.Warn("tag times: stopped paging, further artifacts left out", "repository", repo.String(), "pages", tagTimesPages)
	return times, nil
}

// tagTimesGet GETs u and returns the answer's status, headers and body (at
// most tagTimesMaxPage bytes of a 200, tagTimesMaxError of another). auth,
// when it holds a username and password, is sent as basic auth; it never
// appears in an error.
func (e *Engine) tagTimesGet(ctx context.Context, c *http.Client, u string, auth *authn.AuthConfig, what string) (int, http.Header, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, nil, nil, core.Errorf(core.ErrInvalid, "%s: %v", what, err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", e.userAgent)
	if auth != nil {
		switch {
		case auth.Username != "" || auth.Password != "":
			req.SetBasicAuth(auth.Username, auth.Password)
		case auth.Auth != "":
			if _, err := base64.StdEncoding.DecodeString(auth.Auth); err == nil {
				req.Header.Set("Authorization", "Basic "+auth.Auth)
			}
		}
	}
	res, err := c.Do(req)
	if err != nil {
		return 0, nil, nil, classify(err, what)
	}
	defer res.Body.Close()
	limit := int64(tagTimesMaxError)
	if res.StatusCode == http.StatusOK {
		limit = tagTimesMaxPage
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, limit+1))
	if err != nil {
		return 0, nil, nil, classify(err, what)
	}
	if int64(len(body)) > limit {
		if res.StatusCode == http.StatusOK {
			return 0, nil, nil, core.Errorf(core.ErrUnavailable, "%s: a page is larger than %d MiB", what, tagTimesMaxPage>>20)
		}
		body = body[:limit]
	}
	return res.StatusCode, res.Header, body, nil
}

// tagTimesStatus is the error of an unexpected answer: 429 throttled with
// its Retry-After, 5xx unavailable, and so on.
func tagTimesStatus(status int, h http.Header, what string) error {
	var after time.Duration
	if status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable {
		after = retryAfterHeader(h)
	}
	return &core.ProviderError{Kind: core.KindOfStatus(status), Provider: "registry",
		Message: fmt.Sprintf("%s: HTTP %d", what, status), Status: status, RetryAfter: after}
}

// tagTime is the first of the RFC 3339 times given that is set and valid.
func tagTime(values ...string) (time.Time, bool) {
	for _, v := range values {
		if t, err := time.Parse(time.RFC3339Nano, v); err == nil && !t.IsZero() && t.Year() > 1 {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

package registry

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/imagesync/imagesync/core"
)

// hubRepoPages bounds the pages of a Docker Hub namespace listing (of
// hubRepoPageSize each).
const (
	hubRepoPages    = 1000
	hubRepoPageSize = 100
)

// hubRepositories lists a Docker Hub namespace (the prefix's first
// segment) through Hub's API, GET /v2/namespaces/{namespace}/repositories,
// following "next"; asked without credentials, so public repositories
// only.
func (e *Engine) hubRepositories(ctx context.Context, prefix string) (core.Listing, error) {
	ns, _, _ := strings.Cut(prefix, "/")
	if ns == "" {
		return core.Listing{}, core.Errorf(core.ErrInvalid, "Docker Hub cannot be listed whole: name a namespace (docker.io/library/**)")
	}
	base := e.hubAPI
	if base == "" {
		base = DefaultDockerHubAPI
	}
	api, err := url.Parse(base)
	if err != nil || api.Scheme == "" || api.Host == "" {
		return core.Listing{}, core.Errorf(core.ErrInvalid, "Docker Hub API %q is not an absolute URL", base)
	}
	c := &http.Client{Transport: e.clients.base} // the engine's retries, dialer and address guard
	what := "Docker Hub's repositories of " + ns
	next := fmt.Sprintf("%s/v2/namespaces/%s/repositories?page_size=%d", base, url.PathEscape(ns), hubRepoPageSize)
	var l core.Listing
	for page := 0; next != ""; page++ {
		u, err := url.Parse(next)
		switch {
		case page == hubRepoPages:
			return core.Listing{}, core.Errorf(core.ErrUnavailable, "%s: over %d pages", what, hubRepoPages)
		case err != nil || u.Scheme != api.Scheme || u.Host != api.Host:
			return core.Listing{}, core.Errorf(core.ErrForbidden, "%s: the next page is not on %s://%s: not followed", what, api.Scheme, api.Host)
		}
		status, h, body, err := e.tagTimesGet(ctx, c, u.String(), nil, what)
		switch {
		case err != nil:
			return core.Listing{}, err
		case status == http.StatusNotFound:
			return core.Listing{}, core.Errorf(core.ErrNotFound, "Docker Hub has no namespace %s (404)", ns)
		case status != http.StatusOK:
			return core.Listing{}, tagTimesStatus(status, h, what)
		}
		var p struct {
			Next    string `json:"next"`
			Results []struct {
				Name      string `json:"name"`
				Namespace string `json:"namespace"`
			} `json:"results"`
		}
		if err := json.Unmarshal(body, &p); err != nil {
			return core.Listing{}, core.Errorf(core.ErrUnavailable, "%s: page %d is no JSON page of repositories: %v", what, page+1, err)
		}
		for _, r := range p.Results {
			if r.Name != "" && (r.Namespace == "" || r.Namespace == ns) {
				l.Repositories = append(l.Repositories, ns+"/"+r.Name)
			}
		}
		next = p.Next
	}
	return l, nil
}

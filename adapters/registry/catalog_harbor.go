package registry

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/imagesync/imagesync/core"
)

// errNotHarbor: the host has no Harbor API (/api/v2.0).
var errNotHarbor = errors.New("no Harbor API")

const (
	harborPageSize = 100   // Harbor's largest page
	harborPages    = 10000 // pages read at most, per list
)

// harborRepositories lists Harbor's repositories: the projects (GET
// /api/v2.0/projects; only the prefix's own project when the prefix names
// one), then each project's repositories (GET /api/v2.0/projects/{name}
// /repositories, whose names are project/repo), with the keychain's
// login. A project that cannot be listed is a Problem, not a failure.
func (e *Engine) harborRepositories(ctx context.Context, reg name.Registry, prefix string) (core.Listing, error) {
	auth, err := e.basicAuth(ctx, reg)
	if err != nil {
		return core.Listing{}, err
	}
	base := fmt.Sprintf("%s://%s/api/v2.0/projects", reg.Scheme(), reg.RegistryStr())
	projects := []string{}
	if project, _, _ := strings.Cut(prefix, "/"); project != "" {
		projects = append(projects, project)
	} else if err := e.harborList(ctx, base, auth, func(raw json.RawMessage) error {
		var p []struct {
			Name string `json:"name"`
		}
		err := json.Unmarshal(raw, &p)
		for _, x := range p {
			projects = append(projects, x.Name)
		}
		return err
	}); err != nil {
		return core.Listing{}, err
	}
	var l core.Listing
	for _, p := range projects {
		err := e.harborList(ctx, base+"/"+url.PathEscape(p)+"/repositories", auth, func(raw json.RawMessage) error {
			var rs []struct {
				Name string `json:"name"`
			}
			err := json.Unmarshal(raw, &rs)
			for _, r := range rs {
				l.Repositories = append(l.Repositories, r.Name)
			}
			return err
		})
		switch {
		case errors.Is(err, errNotHarbor) && len(projects) == 1 && len(l.Repositories) == 0:
			return core.Listing{}, err
		case err != nil:
			l.Problems = append(l.Problems, "Harbor project "+p+": "+err.Error())
		}
	}
	return l, nil
}

// harborList reads every page of a Harbor list at u, handing each page's
// JSON array to read; a 404 that is not Harbor's own is errNotHarbor.
func (e *Engine) harborList(ctx context.Context, u string, auth *authn.AuthConfig, read func(json.RawMessage) error) error {
	c := &http.Client{Transport: e.clients.base} // the engine's retries, dialer and address guard
	what := "Harbor's " + u
	for page := 1; page <= harborPages; page++ {
		status, h, body, err := e.tagTimesGet(ctx, c, fmt.Sprintf("%s?page=%d&page_size=%d", u, page, harborPageSize), auth, what)
		if err != nil {
			return err
		}
		var raw []json.RawMessage
		switch {
		case status == http.StatusNotFound:
			var he harborErrors
			if json.Unmarshal(body, &he) == nil && len(he.Errors) > 0 {
				return core.Errorf(core.ErrNotFound, "%s: %.200s", what, he.Errors[0].Message)
			}
			return errNotHarbor
		case status == http.StatusUnauthorized || status == http.StatusForbidden:
			return core.Errorf(core.KindOfStatus(status), "%s refused with %d: check the login for the registry", what, status)
		case status != http.StatusOK:
			return tagTimesStatus(status, h, what)
		case json.Unmarshal(body, &raw) != nil:
			if page == 1 {
				return errNotHarbor // e.g. a web page
			}
			return core.Errorf(core.ErrUnavailable, "%s: page %d is no JSON list", what, page)
		}
		if err := read(body); err != nil {
			return core.Errorf(core.ErrUnavailable, "%s: page %d: %v", what, page, err)
		}
		if len(raw) < harborPageSize {
			return nil
		}
	}
	return nil
}

// basicAuth is the keychain's login for reg, as Harbor's API takes it.
func (e *Engine) basicAuth(ctx context.Context, reg name.Registry) (*authn.AuthConfig, error) {
	a, err := authn.Resolve(ctx, e.keychain, reg)
	if err != nil {
		return nil, classify(err, "resolving credentials for "+reg.RegistryStr())
	}
	cfg, err := a.Authorization()
	if err != nil {
		return nil, classify(err, "resolving credentials for "+reg.RegistryStr())
	}
	return cfg, nil
}

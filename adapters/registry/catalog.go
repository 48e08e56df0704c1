package registry

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/imagesync/imagesync/core"
)

// DefaultCatalogPageSize is the page size asked of a registry's catalog
// (n=); a registry that caps its pages lower and refuses the ask
// (docker-registry's PAGINATION_NUMBER_INVALID) is asked again without n
// and pages at its own size.
const DefaultCatalogPageSize = 1000

// maxCatalogPages bounds the catalog pages followed.
const maxCatalogPages = 100000

var _ core.RepositoryLister = (*Engine)(nil)

// ListRepositories lists the repositories of host under prefix, for jobs
// whose sources end in /**: through a cloud's API where one serves the
// host (WithRepositorySources: ECR, ACR EE, SWR), Docker Hub's namespace
// API, Artifact Registry's API; else the registry's catalog
// (/v2/_catalog, every Link page), and Harbor's projects API where the
// catalog is refused (Harbor keeps it for system admins) or empty. It goes
// through the engine's login, retries, rate limits and address guard.
func (e *Engine) ListRepositories(ctx context.Context, host, prefix string) (core.Listing, error) {
	reg, err := name.NewRegistry(host, name.StrictValidation)
	if err != nil {
		return core.Listing{}, core.Errorf(core.ErrInvalid, "registry %q: %v", host, err)
	}
	var l core.Listing
	switch {
	case e.repoSource(host) != nil:
		l, err = e.repoSource(host).Repositories(ctx, host, prefix)
	case dockerHub(host):
		l, err = e.hubRepositories(ctx, prefix)
	case strings.HasSuffix(host, "-docker.pkg.dev"):
		l, err = e.artifactRepositories(ctx, reg, prefix)
	default:
		l, err = e.catalogOrHarbor(ctx, reg, prefix)
	}
	if err != nil {
		return core.Listing{}, err
	}
	return underPrefix(l, prefix), nil
}

func (e *Engine) repoSource(host string) RepositorySource {
	for _, s := range e.repoSources {
		if s.Serves(host) {
			return s
		}
	}
	return nil
}

// catalogOrHarbor reads the catalog; when the registry refuses it, or it
// holds nothing under prefix, Harbor's API is asked, and its answer wins
// if the registry is a Harbor.
func (e *Engine) catalogOrHarbor(ctx context.Context, reg name.Registry, prefix string) (core.Listing, error) {
	repos, err := e.catalog(ctx, reg)
	refused := core.IsKind(err, core.ErrUnauthorized, core.ErrForbidden, core.ErrNotFound)
	if err != nil && !refused {
		return core.Listing{}, err
	}
	if err == nil && len(underPrefix(core.Listing{Repositories: repos}, prefix).Repositories) > 0 {
		return core.Listing{Repositories: repos}, nil
	}
	l, herr := e.harborRepositories(ctx, reg, prefix)
	switch {
	case herr == nil:
		return l, nil
	case !errors.Is(herr, errNotHarbor):
		return core.Listing{}, herr
	case err != nil:
		return core.Listing{}, err
	}
	return core.Listing{Repositories: repos}, nil
}

// catalog reads every page of GET /v2/_catalog (n=catalogPage, then each
// Link rel="next"), with the engine's client for the registry.
func (e *Engine) catalog(ctx context.Context, reg name.Registry) ([]string, error) {
	what := "catalog of " + reg.RegistryStr()
	c, err := e.clients.catalog(ctx, reg)
	if err != nil {
		return nil, classify(err, what)
	}
	base := fmt.Sprintf("%s://%s/v2/_catalog", reg.Scheme(), reg.RegistryStr())
	repos, err := catalogPages(ctx, c, fmt.Sprintf("%s?n=%d", base, e.catalogPage))
	if err != nil && hasCode(err, "PAGINATION_NUMBER_INVALID") {
		repos, err = catalogPages(ctx, c, base) // the registry's own page size
	}
	if err != nil {
		return nil, classify(err, what)
	}
	return repos, nil
}

// catalogPages reads the catalog from first, page after page.
func catalogPages(ctx context.Context, c *http.Client, first string) ([]string, error) {
	next, err := url.Parse(first)
	if err != nil {
		return nil, err
	}
	var repos []string
	for page := 0; next != nil; page++ {
		if page == maxCatalogPages {
			return nil, fmt.Errorf("catalog: over %d pages", maxCatalogPages)
		}
		body, link, err := getPage(ctx, c, next.String())
		if err != nil {
			return nil, err
		}
		var p struct {
			Repositories []string `json:"repositories"`
		}
		if err := json.Unmarshal(body, &p); err != nil {
			return nil, fmt.Errorf("catalog: page %d is no JSON list of repositories: %w", page+1, err)
		}
		repos = append(repos, p.Repositories...)
		if next, err = nextPage(next, link); err != nil {
			return nil, err
		}
	}
	return repos, nil
}

// getPage GETs one page of a list (at most maxSmallBody bytes) and returns
// it with its Link header.
func getPage(ctx context.Context, c *http.Client, u string) ([]byte, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, "", err
	}
	req.Header.Set("Accept", "application/json")
	res, err := c.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer res.Body.Close()
	if err := check(res, http.StatusOK); err != nil {
		return nil, "", err
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, maxSmallBody+1))
	switch {
	case err != nil:
		return nil, "", err
	case len(body) > maxSmallBody:
		return nil, "", fmt.Errorf("a page of %s is over %d bytes", req.URL.Redacted(), maxSmallBody)
	}
	return body, res.Header.Get("Link"), nil
}

// underPrefix keeps the repositories under prefix, each once, sorted.
func underPrefix(l core.Listing, prefix string) core.Listing {
	out := make([]string, 0, len(l.Repositories))
	for _, r := range l.Repositories {
		if core.UnderPrefix(prefix, r) {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	l.Repositories = slices.Compact(out)
	return l
}

// dockerHub reports whether host is Docker Hub's registry.
func dockerHub(host string) bool {
	return host == name.DefaultRegistry || host == "docker.io" || host == "registry-1.docker.io"
}

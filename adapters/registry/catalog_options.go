package registry

import (
	"context"
	"slices"

	"github.com/imagesync/imagesync/core"
)

// RepositorySource lists the repositories of the registries it serves
// through a cloud's own API (creds: ECR DescribeRepositories, ACR EE
// ListRepository, SWR ListReposDetails), for hosts whose catalog is off.
type RepositorySource interface {
	Serves(host string) bool
	// Repositories lists the repositories on host under prefix (a path;
	// "" for all). Parts that could not be listed go to Problems.
	Repositories(ctx context.Context, host, prefix string) (core.Listing, error)
}

// WithRepositorySources adds cloud listings, asked by ListRepositories
// before the catalog for the hosts they serve. A nil source is refused.
func WithRepositorySources(s ...RepositorySource) Option {
	return func(e *Engine) error {
		if slices.Contains(s, nil) {
			return invalidOption("WithRepositorySources", "nil source")
		}
		e.repoSources = append(e.repoSources, s...)
		return nil
	}
}

// WithCatalogPageSize sets the page size asked of registry catalogs (n=;
// default DefaultCatalogPageSize). A registry whose own cap is lower and
// refuses the ask is paged at its own size. Less than 1 is refused.
func WithCatalogPageSize(n int) Option {
	return func(e *Engine) error {
		if n < 1 {
			return invalidOption("WithCatalogPageSize", "needs at least 1, got %d", n)
		}
		e.catalogPage = n
		return nil
	}
}

// WithArtifactRegistryAPI sets the base URL of Google's Artifact Registry
// API (default DefaultArtifactRegistryAPI), which ListRepositories asks
// for *-docker.pkg.dev hosts, e.g. an emulator in tests. A URL that is not
// http(s)://host[/path] is refused.
func WithArtifactRegistryAPI(url string) Option {
	return func(e *Engine) error {
		if err := checkAPI("WithArtifactRegistryAPI", url); err != nil {
			return err
		}
		e.arAPI = url
		return nil
	}
}

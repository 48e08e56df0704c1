package registry

import (
	"context"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/imagesync/imagesync/core"
)

var _ core.TagLister = (*Engine)(nil)

// ListTags lists the tags of a repository (host/path), following the
// registry's pagination. Jobs use it to find what to sync.
func (e *Engine) ListTags(ctx context.Context, repository string) ([]string, error) {
	repo, err := name.NewRepository(repository, name.StrictValidation)
	if err != nil {
		return nil, core.Errorf(core.ErrInvalid, "repository %q: %v", repository, err)
	}
	tags, err := remote.List(repo, remote.WithContext(ctx), remote.WithAuthFromKeychain(e.keychain),
		remote.WithTransport(e.transport), remote.WithUserAgent(e.userAgent))
	if err != nil {
		return nil, classify(err, "listing tags of "+repository)
	}
	return tags, nil
}

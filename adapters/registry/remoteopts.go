package registry

import (
	"context"

	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// remoteOptions let go-containerregistry's remote package reach registries
// as the engine does: through its transport (the user agent, the one
// retry layer, TLS per host and the dialer with the address guard) and
// its keychain. remote's own retries are off, so that nothing retries
// twice.
func (e *Engine) remoteOptions(ctx context.Context) []remote.Option {
	return []remote.Option{remote.WithContext(ctx), remote.WithTransport(e.clients.base),
		remote.WithAuthFromKeychain(e.keychain), remote.WithJobs(e.jobs),
		remote.WithRetryBackoff(remote.Backoff{Steps: 1}), remote.WithRetryStatusCodes(),
		remote.WithRetryPredicate(func(error) bool { return false })}
}

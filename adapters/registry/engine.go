package registry

import (
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
	"github.com/imagesync/imagesync/core"
)

// Engine copies images between registries. Build it with New; it is safe for
// concurrent use and reuses registry tokens and connections across syncs.
type Engine struct {
	keychain  authn.Keychain
	transport http.RoundTripper
	dialer    *net.Dialer
	jobs      int
	slots     chan struct{}   // blobs and their ranges streaming at once, every sync of the engine together
	ranges    Ranges          // how large blobs are fetched (ranges.go)
	bufs      *chunkBufs      // the buffers ranges fill ahead of the upload
	limits    *hostsTransport // the hosts' request limits, which blob copies reserve (hostlimit.go)
	flights   flights         // blobs and manifests being written, by target (flights.go)
	userAgent string
	retry     Retry
	resolver  Resolver
	preparer  Preparer // creates missing cloud targets (prepare.go)
	log       *slog.Logger
	platforms []v1.Platform // copy only these of an index (none: all)
	referrers bool          // copy what points at the copied digest
	every     time.Duration // progress log interval

	hosts       []HostTLS          // TLS per host (WithHosts, tls.go)
	hubAPI      string             // Docker Hub's API, for TagTimes (WithDockerHubAPI; "": DefaultDockerHubAPI)
	tagSources  []TagTimeSource    // cloud APIs that tell push times (WithTagTimes)
	repoSources []RepositorySource // cloud APIs that list repositories (WithRepositorySources)
	catalogPage int                // n= asked of catalogs (WithCatalogPageSize)
	arAPI       string             // Artifact Registry's API (WithArtifactRegistryAPI)

	clients *clients
}

var _ core.Engine = (*Engine)(nil)

// New builds an Engine with the options' settings, or fails with the
// first option refused (ErrInvalid).
func New(opts ...Option) (*Engine, error) {
	e := &Engine{keychain: authn.DefaultKeychain, jobs: DefaultJobs, userAgent: "imagesync", catalogPage: DefaultCatalogPageSize,
		retry: DefaultRetry, log: slog.New(slog.DiscardHandler), every: 10 * time.Second}
	for _, o := range opts {
		if err := o(e); err != nil {
			return nil, err
		}
	}
	var err error
	if e.ranges, err = e.ranges.withDefaults(); err != nil {
		return nil, err
	}
	e.slots = make(chan struct{}, e.jobs)
	e.bufs = newChunkBufs(e.ranges)
	if e.transport == nil {
		e.transport = newPooledTransport(e.jobs, e.dialer)
	}
	if e.transport, err = withHosts(e.transport, e.hosts); err != nil {
		return nil, err
	}
	e.limits = e.transport.(*hostsTransport)
	base := transport.NewUserAgent(&retryTransport{next: e.transport, retry: e.retry}, e.userAgent)
	e.clients = &clients{keychain: e.keychain, base: base, now: time.Now, maxWait: e.retry.maxWait}
	return e, nil
}

// Name is "registry".
func (e *Engine) Name() string { return core.EngineRegistry }

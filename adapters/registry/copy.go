package registry

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
	"github.com/google/go-containerregistry/pkg/v1/types"
	"golang.org/x/sync/errgroup"
)

// copier copies one manifest tree from src to dst. Blobs move through the
// engine's semaphore of jobs slots, shared with every other sync; each digest is copied
// once per sync; a child manifest the target already has is skipped whole.
// A dry copier walks the same tree, HEADs the same blobs, and writes nothing.
type copier struct {
	src, dst *repoClient
	mount    string // source repository to mount from, "" across registries
	retry    Retry
	sem      chan struct{}
	limits   [2]*hostLimit // the source's and the target's host limits, or nil
	fetch    *fetcher      // reads source blobs: resumed, in ranges when they pay
	flights  *flights      // the engine's: one writer per target blob or manifest
	jobs     int
	dry      bool         // walk and HEAD only: bytes counts what would move
	bytes    atomic.Int64 // bytes of blobs uploaded whole (or, dry, missing)
	total    atomic.Int64 // bytes of the blobs found missing so far
	moved    atomic.Int64 // bytes streamed so far, broken tries included

	mu    sync.Mutex
	blobs map[v1.Hash]*onceErr
}

type onceErr struct {
	once sync.Once
	err  error
}

// manifestRefs is what a manifest of any known kind points at.
type manifestRefs struct {
	Manifests []v1.Descriptor `json:"manifests"`
	Config    *v1.Descriptor  `json:"config"`
	Layers    []v1.Descriptor `json:"layers"`
	Blobs     []v1.Descriptor `json:"blobs"`
	FSLayers  []struct {
		BlobSum v1.Hash `json:"blobSum"`
	} `json:"fsLayers"`
}

// copyManifest copies what raw points at, then pushes raw under ident.
func (c *copier) copyManifest(ctx context.Context, raw []byte, mt types.MediaType, ident string) (v1.Hash, error) {
	var refs manifestRefs
	if err := json.Unmarshal(raw, &refs); err != nil {
		return v1.Hash{}, fmt.Errorf("decoding manifest %s: %w", ident, err)
	}
	// At most jobs children and 2×jobs blobs of a manifest are under way at
	// once, so that a hostile manifest of a million layers costs no million
	// goroutines. The engine's slots bound the streams; a blob whose bytes
	// are sent waits for the target's answer without one, so twice as many
	// places let the next blobs stream meanwhile.
	g, gctx := errgroup.WithContext(ctx)
	children, blobPlaces := make(chan struct{}, c.jobs), make(chan struct{}, 2*c.jobs)
	for _, m := range refs.Manifests {
		if !spawn(gctx, g, children, func() error { return c.child(gctx, m) }) {
			break
		}
	}
	blobs := refs.Layers
	if refs.Config != nil {
		blobs = append(blobs, *refs.Config)
	}
	blobs = append(blobs, refs.Blobs...)
	for _, l := range refs.FSLayers {
		blobs = append(blobs, v1.Descriptor{Digest: l.BlobSum, Size: -1})
	}
	for _, b := range blobs {
		if len(b.URLs) > 0 || !b.MediaType.IsDistributable() {
			continue // foreign layers live elsewhere
		}
		if !spawn(gctx, g, blobPlaces, func() error { return c.blob(gctx, b) }) {
			break
		}
	}
	if err := g.Wait(); err != nil || c.dry {
		return v1.Hash{}, err
	}
	return c.pushManifest(ctx, ident, raw, mt)
}

// spawn runs fn in g once one of places is free; false when ctx ended
// first (g then holds the error that ended it).
func spawn(ctx context.Context, g *errgroup.Group, places chan struct{}, fn func() error) bool {
	select {
	case places <- struct{}{}:
	case <-ctx.Done():
		return false
	}
	g.Go(func() error {
		defer func() { <-places }()
		return fn()
	})
	return true
}

// manifestTries bounds the pushes of a manifest whose blobs the registry
// says it does not know although they were just written.
const manifestTries = 3

// pushManifest pushes raw once its blobs are in. When another process
// uploads one of them into the same repository at the same moment,
// docker-registry, which rewrites the repository's link to a blob in place,
// may call it unknown for an instant: that answer is tried again, after the
// engine's backoff, up to manifestTries times.
func (c *copier) pushManifest(ctx context.Context, ident string, raw []byte, mt types.MediaType) (v1.Hash, error) {
	for n := 1; ; n++ {
		h, err := c.dst.putManifest(ctx, ident, raw, mt)
		if err == nil || n == manifestTries || !hasCode(err, transport.ManifestBlobUnknownErrorCode) {
			return h, err
		}
		if c.retry.wait(ctx, n, 0, err) != nil {
			return h, err
		}
	}
}

// child copies one manifest of an index unless the target has it already.
// Syncs that share it (tags of one index) copy it once, the others wait.
func (c *copier) child(ctx context.Context, d v1.Descriptor) error {
	if c.dry {
		return c.copyChild(ctx, d)
	}
	return c.flights.do(ctx, c.flightKey("manifest", d.Digest), func(ctx context.Context) error { return c.copyChild(ctx, d) })
}

// flightKey names a write of digest into the target repository.
func (c *copier) flightKey(kind string, d v1.Hash) string {
	return kind + " " + c.dst.repo.Name() + "@" + d.String()
}

func (c *copier) copyChild(ctx context.Context, d v1.Descriptor) error {
	_, found, err := c.dst.headManifest(ctx, d.Digest.String())
	if err != nil || found {
		return err
	}
	raw, mt, err := c.src.getManifest(ctx, d.Digest)
	if err != nil {
		return fmt.Errorf("reading manifest %s: %w", d.Digest, err)
	}
	_, err = c.copyManifest(ctx, raw, manifestType(raw, mt, d.MediaType), d.Digest.String())
	return err
}

// blob copies one blob once per sync, within a job slot, and once across
// the syncs that want it in the same target at the same time: those wait
// for the one under way, holding no slot.
func (c *copier) blob(ctx context.Context, d v1.Descriptor) error {
	c.mu.Lock()
	o, ok := c.blobs[d.Digest]
	if !ok {
		o = &onceErr{}
		c.blobs[d.Digest] = o
	}
	c.mu.Unlock()
	o.once.Do(func() {
		if c.dry {
			o.err = c.slotted(ctx, d)
			return
		}
		o.err = c.flights.do(ctx, c.flightKey("blob", d.Digest), func(ctx context.Context) error { return c.slotted(ctx, d) })
	})
	return o.err
}

// slotted copies one blob in places reserved on its hosts (hostlimit.go),
// then in a job slot: places first, so that a blob holding a slot never
// waits for a place (a blob sent again waits for a slot in its places).
func (c *copier) slotted(ctx context.Context, d v1.Descriptor) error {
	ctx, release, err := reserve(ctx, c.limits[0], c.limits[1])
	if err != nil {
		return err
	}
	defer release()
	s := &slot{sem: c.sem}
	if err := s.take(ctx); err != nil {
		return err
	}
	defer s.free()
	return c.copyBlob(ctx, d, s)
}

// slot is one of the copier's job slots, held by one blob. A blob gives it
// up as soon as its bytes are sent, before the registry answers the upload:
// a registry that commits slowly (docker-registry fsyncs every blob) then
// writes one blob to disk while the next one streams, instead of all of them
// at the end. A blob sent again takes a slot again.
type slot struct {
	sem  chan struct{}
	mu   sync.Mutex
	held bool
}

func (s *slot) take(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.held {
		return nil
	}
	select {
	case s.sem <- struct{}{}:
		s.held = true
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *slot) free() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.held {
		<-s.sem
		s.held = false
	}
}

package registry

import (
	"context"
	"sync/atomic"

	"github.com/imagesync/imagesync/core"
)

// flights lets one sync at a time write a given blob or manifest into a
// given target repository; the others wait for it and then find it there.
// Tags of one image, and images sharing base layers, are synced together
// as a matter of course: without this each would upload the same blob at
// the same moment, and docker-registry, which rewrites a repository's blob
// link in place on every upload, then fails a manifest that one of them
// pushes meanwhile (MANIFEST_BLOB_UNKNOWN). It also sends the bytes once.
//
// It is core.Flights: each sync waits under its own context, and a write
// whose sync was cancelled goes on for the others that wait for it. A
// write that failed is no answer for the syncs that waited for it: the
// cause may be the other sync's source (syncs from two sources share the
// write of a blob both have), so each writes it again itself.
type flights struct {
	f core.Flights[struct{}]
}

// do runs fn, under the flight's own context, unless a flight of key is
// under way, in which case it waits for that one: its success is ours;
// after its failure, do runs fn again (or waits for the flight of another
// sync that came first), until fn ran for this sync.
func (f *flights) do(ctx context.Context, key string, fn func(ctx context.Context) error) error {
	for {
		var ran atomic.Bool // read while the work may run on, when ctx ended
		_, err := f.f.Do(ctx, key, func(ctx context.Context) (struct{}, error) {
			ran.Store(true)
			return struct{}{}, fn(ctx)
		})
		if err == nil || ran.Load() || ctx.Err() != nil {
			return err
		}
	}
}

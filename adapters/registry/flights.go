package registry

import (
	"context"

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
// whose sync was cancelled goes on for the others that wait for it.
type flights struct {
	f core.Flights[struct{}]
}

// do runs fn, under the flight's own context, unless a flight of key is
// under way, in which case it waits for that one: its outcome is ours.
func (f *flights) do(ctx context.Context, key string, fn func(ctx context.Context) error) error {
	_, err := f.f.Do(ctx, key, func(ctx context.Context) (struct{}, error) { return struct{}{}, fn(ctx) })
	return err
}

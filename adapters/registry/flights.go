package registry

import (
	"context"
	"errors"
	"sync"
)

// flights lets one sync at a time write a given blob or manifest into a
// given target repository; the others wait for it and then find it there.
// Tags of one image, and images sharing base layers, are synced together
// as a matter of course: without this each would upload the same blob at
// the same moment, and docker-registry, which rewrites a repository's blob
// link in place on every upload, then fails a manifest that one of them
// pushes meanwhile (MANIFEST_BLOB_UNKNOWN). It also sends the bytes once.
type flights struct {
	mu sync.Mutex
	m  map[string]*flight
}

type flight struct {
	done    chan struct{}
	err     error
	waiters int // syncs waiting for it (under flights.mu)
}

// do runs fn unless a flight of key is under way, in which case it waits
// for that one: its success is ours. When it failed because its own sync
// was cancelled or ran out of time, do tries again for this one; any other
// failure is returned as it is.
func (f *flights) do(ctx context.Context, key string, fn func() error) error {
	for {
		f.mu.Lock()
		if fl, ok := f.m[key]; ok {
			fl.waiters++
			f.mu.Unlock()
			select {
			case <-fl.done:
			case <-ctx.Done():
				return ctx.Err()
			}
			if errors.Is(fl.err, context.Canceled) || errors.Is(fl.err, context.DeadlineExceeded) {
				continue
			}
			return fl.err
		}
		if f.m == nil {
			f.m = map[string]*flight{}
		}
		fl := &flight{done: make(chan struct{})}
		f.m[key] = fl
		f.mu.Unlock()

		fl.err = fn()
		f.mu.Lock()
		delete(f.m, key)
		f.mu.Unlock()
		close(fl.done)
		return fl.err
	}
}

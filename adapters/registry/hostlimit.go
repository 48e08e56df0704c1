package registry

import (
	"context"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// hostLimit holds one host to its request limits (HostTLS.RequestsPerSecond
// and MaxConcurrent, regsync's creds[].reqPerSec and reqConcurrent). It
// lives in the host's route, so it is shared by every sync of the engine
// and sees every request to the host: pings, token requests to the host,
// manifests, blobs, uploads, tags and catalogs, and each try of the retry
// layer, which sits above it.
type hostLimit struct {
	host   string        // as configured, normalized: the order reserve takes places in
	rate   *bucket       // nil: no rate
	places chan struct{} // nil: no bound on requests in flight
}

// newHostLimit is h's limit, or nil when it sets none.
func newHostLimit(h HostTLS) *hostLimit {
	if h.RequestsPerSecond <= 0 && h.MaxConcurrent <= 0 {
		return nil
	}
	l := &hostLimit{host: normalHost(h.Host)}
	if h.RequestsPerSecond > 0 {
		l.rate = &bucket{every: time.Duration(float64(time.Second) / h.RequestsPerSecond)}
	}
	if h.MaxConcurrent > 0 {
		l.places = make(chan struct{}, h.MaxConcurrent)
	}
	return l
}

// acquire waits, under ctx, for a place among the requests in flight and
// then for the rate's next token, and returns what gives the place back
// (idempotent). A place is taken first so that a request waiting for one
// does not burn a token meanwhile. A done ctx ends either wait with its
// error, before anything is sent.
func (l *hostLimit) acquire(ctx context.Context) (release func(), err error) {
	release = func() {}
	if l.places != nil && !holds(ctx, l) {
		select {
		case l.places <- struct{}{}:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		release = sync.OnceFunc(func() { <-l.places })
	}
	if l.rate != nil {
		if err := l.rate.wait(ctx); err != nil {
			release()
			return nil, err
		}
	}
	return release, nil
}

// roundTrip sends req through rt within the limit. The place is held
// until the response's body is read to its end or closed (a blob streamed
// over minutes holds it all along), or given back at once when the round
// trip fails or the response has no body.
func (l *hostLimit) roundTrip(rt http.RoundTripper, req *http.Request) (*http.Response, error) {
	release, err := l.acquire(req.Context())
	if err != nil {
		return nil, err
	}
	res, err := rt.RoundTrip(req)
	if err != nil || res.Body == nil || res.Body == http.NoBody {
		release()
		return res, err
	}
	res.Body = &heldBody{ReadCloser: res.Body, release: release}
	return res, nil
}

// heldBody gives its request's place back when it is read to its end or
// closed, whichever comes first.
type heldBody struct {
	io.ReadCloser
	release func()
}

func (b *heldBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err == io.EOF {
		b.release()
	}
	return n, err
}

func (b *heldBody) Close() error {
	err := b.ReadCloser.Close()
	b.release()
	return err
}

// bucket is a token bucket of burst 1: requests leave at least every
// apart, the first after an idle spell at once. It keeps the time the
// next token is due; a waiter reserves its token and sleeps until it.
type bucket struct {
	every time.Duration

	mu   sync.Mutex
	next time.Time // when the next token is due
}

// wait takes a token, sleeping under ctx until it is due. A done ctx ends
// the sleep with its error and gives the token back when no later waiter
// has reserved one since.
func (b *bucket) wait(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	now := time.Now()
	b.mu.Lock()
	at := b.next
	if at.Before(now) {
		at = now
	}
	b.next = at.Add(b.every)
	b.mu.Unlock()
	d := at.Sub(now)
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		b.mu.Lock()
		if b.next.Equal(at.Add(b.every)) {
			b.next = at
		}
		b.mu.Unlock()
		return ctx.Err()
	}
}

// A blob's copy holds one place on its source host and one on its target
// host from its first request to its last (reserve), and its requests to
// those hosts run in them: the download that feeds the upload, the
// upload, a resumed stream. Were each request to take its own place, a
// copy within one host could wait for ever: every place held by a
// download whose upload waits for a place. regclient's copy reserves both
// hosts' places at once the same way (pqueue.AcquireMulti).

// heldKey marks a context whose requests run in places already held.
type heldKey struct{}

// holds reports whether ctx's requests to l run in a place already held.
func holds(ctx context.Context, l *hostLimit) bool {
	held, _ := ctx.Value(heldKey{}).([]*hostLimit)
	return slices.Contains(held, l)
}

// reserve takes a place on each of limits that bounds requests in flight
// (nil ones and repeats skipped), in one fixed order so that two copies
// in opposite directions cannot each hold what the other waits for, and
// returns ctx marked as holding them, and what gives them back.
func reserve(ctx context.Context, limits ...*hostLimit) (context.Context, func(), error) {
	var held []*hostLimit
	for _, l := range limits {
		if l != nil && l.places != nil && !slices.Contains(held, l) {
			held = append(held, l)
		}
	}
	if len(held) == 0 {
		return ctx, func() {}, nil
	}
	slices.SortFunc(held, func(a, b *hostLimit) int { return strings.Compare(a.host, b.host) })
	var taken []*hostLimit
	release := sync.OnceFunc(func() {
		for _, l := range taken {
			<-l.places
		}
	})
	for _, l := range held {
		select {
		case l.places <- struct{}{}:
			taken = append(taken, l)
		case <-ctx.Done():
			release()
			return ctx, nil, ctx.Err()
		}
	}
	return context.WithValue(ctx, heldKey{}, held), release, nil
}

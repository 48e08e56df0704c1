package registry

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// origin is where a blob's bytes come from and what it has shown of
// itself: the registry's blob URL, the object store URL the registry
// redirected the first request to (later ranges go there straight, one
// round trip less each), and whether it honours Range. Ranges of one blob
// share it.
type origin struct {
	c     *http.Client
	reg   string
	size  int64
	count *atomic.Int64 // bytes received, broken tries and skipped bytes included
	log   func(msg string, args ...any)

	mu         sync.Mutex
	final      string        // "" until the registry redirected
	stale      bool          // the object store refused final: the registry is to be asked again
	asking     chan struct{} // open while one range asks it again (the others wait; origin.go)
	noRanges   bool          // a 200, a 416 or a wrong Content-Range: plain GETs only
	noParallel bool          // a 206 without Accept-Ranges: bytes: no second range
}

// errRangesRefused says a source stopped honouring ranges after it had:
// the bytes it sent instead were not used.
var errRangesRefused = errors.New("the source stopped honouring Range")

// stream is one answer being read: the blob's bytes [off, end).
type stream struct {
	body     io.ReadCloser
	off, end int64
	opened   time.Time     // when its headers arrived
	ttfb     time.Duration // from the request to its headers
	n        int64         // bytes read
	wait     time.Duration // time spent blocked reading the source
	count    *atomic.Int64
	checked  bool // the split decision looked at it
}

func (s *stream) read(p []byte) (int, error) {
	t := time.Now()
	n, err := s.body.Read(p)
	s.wait += time.Since(t)
	s.n += int64(n)
	s.off += int64(n)
	s.count.Add(int64(n))
	if err == io.EOF && s.off < s.end {
		err = fmt.Errorf("%d bytes short: %w", s.end-s.off, errTruncated)
	}
	return n, err
}

// streamingKey marks a request whose answer must stream (a blob, wherever
// a redirect takes it): the retry transport then never buffers it.
type streamingKey struct{}

// open asks for bytes [off, end) with a bounded Range, unless the source
// has shown it does not honour ranges: then, when plain is allowed, it
// sends a plain GET and skips to off; otherwise it fails with
// errRangesRefused (a range of a split blob never skips). The stream it
// returns starts at off; its end is end, or the blob's size when the
// answer is the whole blob.
func (o *origin) open(ctx context.Context, off, end int64, plain bool) (*stream, error) {
	ctx = context.WithValue(ctx, streamingKey{}, true)
	// At most two answers lead to another request: a refused range (then
	// plain) and an expired object store URL (then the registry again).
	for range 3 {
		u, ranged, asked, err := o.where(ctx)
		if err != nil {
			return nil, err
		}
		if !ranged && !plain {
			asked()
			return nil, errRangesRefused
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			asked()
			return nil, err
		}
		if ranged {
			req.Header.Set("Range", fmt.Sprintf("bytes=%d-%d", off, end-1))
		}
		sent := time.Now()
		res, err := o.c.Do(req)
		if err == nil {
			o.learn(u, res)
		}
		asked()
		if err != nil {
			return nil, err
		}
		if s, retry, err := o.answer(res, u, off, end, ranged, plain); !retry {
			if s != nil {
				s.ttfb = s.opened.Sub(sent)
			}
			return s, err
		}
	}
	return nil, fmt.Errorf("GET %s: no usable answer in 3 requests", o.reg)
}

// answer takes an answer to open's request: the stream, or retry when the
// request is worth sending again (now plain, or to the registry again).
func (o *origin) answer(res *http.Response, u string, off, end int64, ranged, plain bool) (s *stream, retry bool, err error) {
	cr := res.Header.Get("Content-Range")
	switch {
	case res.StatusCode == http.StatusPartialContent && ranged && contentRangeIs(cr, off, end-1, o.size):
		if !strings.EqualFold(res.Header.Get("Accept-Ranges"), "bytes") {
			o.set(func() { o.noParallel = true }, "source answers ranges without Accept-Ranges: bytes: no parallel ranges")
		}
		return o.stream(res, off, end), false, nil
	case res.StatusCode == http.StatusPartialContent && ranged,
		res.StatusCode == http.StatusRequestedRangeNotSatisfiable && ranged:
		res.Body.Close()
		o.set(func() { o.noRanges = true }, "refused a ranged answer, one plain stream instead",
			"status", res.StatusCode, "contentRange", cr, "asked", fmt.Sprintf("bytes=%d-%d", off, end-1))
		return nil, true, nil
	case res.StatusCode == http.StatusOK:
		if ranged {
			o.set(func() { o.noRanges = true }, "source ignores Range: one plain stream")
		}
		if !plain && off > 0 {
			res.Body.Close()
			return nil, false, errRangesRefused
		}
		s := o.stream(res, 0, o.size)
		if _, err := io.CopyN(io.Discard, io.LimitReader(readerFunc(s.read), off), off); err != nil {
			s.body.Close()
			return nil, false, err
		}
		return s, false, nil
	case u != o.reg && res.StatusCode >= 400 && res.StatusCode < 500:
		res.Body.Close() // an object store URL that expired: ask the registry again
		o.refused(u, res.StatusCode)
		return nil, true, nil
	}
	defer res.Body.Close()
	if err := check(res, http.StatusOK); err != nil {
		return nil, false, err
	}
	return nil, false, fmt.Errorf("GET %s: unexpected status %d", o.reg, res.StatusCode)
}

func (o *origin) stream(res *http.Response, off, end int64) *stream {
	return &stream{body: res.Body, off: off, end: end, opened: time.Now(), count: o.count}
}

func (o *origin) set(f func(), msg string, args ...any) {
	o.mu.Lock()
	f()
	o.mu.Unlock()
	o.log(msg, args...)
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }

// contentRangeIs reports whether a Content-Range header says exactly
// "bytes first-last/size" (or size "*"), in plain decimal.
func contentRangeIs(h string, first, last, size int64) bool {
	want := "bytes " + strconv.FormatInt(first, 10) + "-" + strconv.FormatInt(last, 10) + "/"
	total, ok := strings.CutPrefix(h, want)
	return ok && (total == "*" || total == strconv.FormatInt(size, 10))
}

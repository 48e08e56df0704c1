package registry

import (
	"context"
	"encoding"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// The reader notes its hash state every snapEvery bytes and keeps the last
// snapKeep notes: an upload the target holds part of can then go on from
// where the target stopped, re-reading at most snapEvery bytes of the
// source to rebuild the hash up to there (a few hundred bytes per note).
const (
	snapEvery = 1 << 20
	snapKeep  = 64
)

type snapshot struct {
	off   int64
	state []byte
}

// snap notes the hash state when the bytes just delivered crossed a
// multiple of snapEvery.
func (b *blobReader) snap(n int) {
	if (b.off-int64(n))/snapEvery != b.off/snapEvery {
		b.note()
	}
}

// note notes the hash state at off.
func (b *blobReader) note() {
	m, ok := b.h.(encoding.BinaryMarshaler)
	if !ok {
		return
	}
	state, err := m.MarshalBinary()
	if err != nil {
		return
	}
	if len(b.snaps) == snapKeep {
		b.snaps = append(b.snaps[:0], b.snaps[1:]...)
	}
	b.snaps = append(b.snaps, snapshot{off: b.off, state: state})
}

// rewind sets the reader back to the last note at or before off, so that
// it reads again from there: skip is how many bytes then lead up to off.
// ok is false when no note is that old (the blob must start over).
func (b *blobReader) rewind(off int64) (skip int64, ok bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	at := -1
	for i, s := range b.snaps {
		if s.off <= off {
			at = i
		}
	}
	u, canSet := b.h.(encoding.BinaryUnmarshaler)
	if at < 0 || b.closed || !canSet || u.UnmarshalBinary(b.snaps[at].state) != nil {
		return 0, false
	}
	b.dropStreams()
	b.off, b.snaps, b.gen = b.snaps[at].off, b.snaps[:at+1], b.gen+1
	b.finished, b.readErr, b.resend = false, nil, false
	return off - b.off, true
}

// uploadStatus asks the target how much of an upload it holds (GET on the
// upload URL, its Range header "0-<last byte>"): the offset to go on from
// and the URL to go on at. ok is false when it does not say, or holds
// nothing ("0-0" is also how an empty upload is announced).
func (r *repoClient) uploadStatus(ctx context.Context, loc *url.URL) (next *url.URL, off int64, ok bool) {
	res, err := r.do(ctx, http.MethodGet, loc.String(), nil, nil)
	if err != nil {
		return nil, 0, false
	}
	defer res.Body.Close()
	first, last, found := strings.Cut(res.Header.Get("Range"), "-")
	n, err := strconv.ParseInt(last, 10, 64)
	if res.StatusCode != http.StatusNoContent || !found || first != "0" || err != nil || n <= 0 {
		return nil, 0, false
	}
	next = loc
	if h := res.Header.Get("Location"); h != "" {
		if next, err = res.Request.URL.Parse(h); err != nil {
			return nil, 0, false
		}
	}
	return next, n + 1, true
}

// putRest finishes an upload the target holds off bytes of: one PUT with
// the rest (Content-Range off-<last>, none when off is 0) and the digest.
func (r *repoClient) putRest(ctx context.Context, loc *url.URL, d v1.Descriptor, off int64, body io.Reader) error {
	u := *loc
	q := u.Query()
	q.Set("digest", d.Digest.String())
	u.RawQuery = q.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, u.String(), body)
	if err != nil {
		return err
	}
	req.ContentLength = d.Size - off
	if req.ContentLength == 0 {
		req.Body = http.NoBody
	}
	req.Header.Set("Content-Type", "application/octet-stream")
	if off > 0 { // the whole blob (putBlob) goes without a range
		req.Header.Set("Content-Range", fmt.Sprintf("%d-%d", off, d.Size-1))
	}
	res, err := r.c.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	return check(res, http.StatusCreated, http.StatusNoContent, http.StatusOK)
}

// resumeUpload goes on with an upload that broke at the target, where the
// target tells how much of it it holds: the source is read again from the
// hash note at or before that offset and the rest is sent, once. false
// when the target does not tell, or that failed too: the blob then starts
// over in a new session.
func (c *copier) resumeUpload(ctx context.Context, d v1.Descriptor, s *slot, loc *url.URL, body *blobReader) bool {
	next, off, ok := c.dst.uploadStatus(ctx, loc)
	if !ok || off >= d.Size {
		return false
	}
	skip, ok := body.rewind(off)
	if !ok || s.take(ctx) != nil {
		return false
	}
	body.done = s.free
	h := body.handle()
	if _, err := io.CopyN(io.Discard, h, skip); err != nil {
		return false
	}
	body.o.log("target upload broke, resuming", "at", off)
	return c.dst.putRest(ctx, next, d, off, h) == nil
}

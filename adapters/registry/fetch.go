package registry

import (
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"

	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// fetcher is what a copier needs to read source blobs: the engine's retry
// policy, ranges, job slots (which ranges share) and buffers.
type fetcher struct {
	retry  Retry
	ranges Ranges
	sem    chan struct{}
	bufs   *chunkBufs
	log    *slog.Logger
}

// blobReader reads one blob from the source in order, the way the target's
// upload wants it, and verifies it: it fails at an early end that cannot be
// resumed, and when the whole blob's sha256 or sha512 is not the one
// announced. A stream that breaks is resumed where it broke with a ranged
// request (the hash carries on: no byte is read twice); a large blob on a
// slow source is fetched in parallel ranges (fetchsplit.go).
type blobReader struct {
	ctx    context.Context
	cancel context.CancelFunc // Close's: it stops a Read under way
	mu     sync.Mutex         // Read against Close, which the transport may call at any time
	closed bool
	f      *fetcher
	o      *origin
	d      v1.Descriptor
	h      hash.Hash

	off       int64     // bytes delivered (and hashed)
	cur       *stream   // the stream being read, nil between streams
	streams   int       // streams opened so far
	par       *parallel // ranges ahead of cur, once split
	fails     int       // breaks since the last real progress
	sinceFail int64     // bytes delivered since the last break

	snaps    []snapshot // hash states every snapEvery bytes (resume.go)
	gen      int        // the upload reading it (handle); a rewind starts another
	finished bool       // the whole blob was read and checked
	readErr  error      // the error the reader failed with, if any
	resend   bool       // re-sending the whole blob may cure readErr
	done     func()     // if set, called once the whole blob was read and verified
}

// progressAfterBreak is how much a resumed stream must deliver before its
// next break counts as a first one again.
const progressAfterBreak = 256 << 10

// openBlob starts reading a blob: the first request is sent now, so that a
// missing blob or a refused pull fails here, before the upload.
func (f *fetcher) openBlob(ctx context.Context, r *repoClient, d v1.Descriptor, count *atomic.Int64) (*blobReader, error) {
	b := &blobReader{f: f, d: d, h: newDigester(d.Digest)}
	b.ctx, b.cancel = context.WithCancel(ctx)
	b.note()
	b.o = &origin{c: r.c, reg: r.url("blobs", d.Digest.String()), size: d.Size, count: count,
		log: func(msg string, args ...any) {
			f.log.Debug(msg, append([]any{"digest", d.Digest.String()}, args...)...)
		}}
	if d.Size == 0 {
		return b, nil
	}
	if err := b.next(); err != nil {
		b.cancel()
		return nil, err
	}
	return b, nil
}

func newDigester(d v1.Hash) hash.Hash {
	switch d.Algorithm {
	case "sha256":
		return sha256.New()
	case "sha512":
		return sha512.New()
	}
	return nil // other algorithms are left to the target to check
}

// handle is what one upload reads the blob through. The transport closes
// a request's body when it likes, even after the request failed: the
// handle's Close does nothing (the copier closes the reader), and a handle
// from before a rewind reads nothing more.
type handle struct {
	b   *blobReader
	gen int
}

func (b *blobReader) handle() handle { return handle{b: b, gen: b.gen} }

func (h handle) Read(p []byte) (int, error) { return h.b.read1(h.gen, p) }

// failure is the error the reader failed with, and whether re-sending the
// whole blob may cure it (once no upload reads it any more).
func (b *blobReader) failure() (err error, resend bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.readErr, b.resend
}

func (b *blobReader) read1(gen int, p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed || gen != b.gen {
		return 0, fmt.Errorf("blob %s: read after close: %w", b.d.Digest, context.Canceled)
	}
	if b.readErr != nil {
		return 0, b.readErr
	}
	for b.off < b.d.Size {
		n, err := b.read(p)
		if n > 0 || err != nil {
			return n, b.deliver(p[:n], err)
		}
	}
	if !b.finished { // an empty blob
		if err := b.finish(); err != nil {
			b.readErr = err
			return 0, err
		}
	}
	return 0, io.EOF
}

// read reads from the ranges once cur has reached them, else from cur,
// opening the next stream when there is none.
func (b *blobReader) read(p []byte) (int, error) {
	if b.par != nil && b.off >= b.par.start {
		n, err := b.par.read(p)
		if err == errRangesRefused { // the bytes so far are good: go on plain
			b.par.close()
			b.par = nil
			return 0, nil
		}
		return n, err
	}
	if b.cur == nil {
		if err := b.next(); err != nil {
			return 0, err
		}
	}
	end := b.cur.end
	if b.par != nil {
		end = min(end, b.par.start) // a plain answer runs past where the ranges begin
	}
	n, err := b.cur.read(p[:min(int64(len(p)), end-b.cur.off)])
	switch {
	case b.cur.off == end:
		b.split(true)
		b.endStream()
		return n, nil
	case err != nil:
		b.endStream()
		return n, b.broke(err)
	}
	b.split(false)
	return n, nil
}

// deliver hashes what read got and checks the whole blob once it is in.
func (b *blobReader) deliver(p []byte, err error) error {
	if b.h != nil {
		b.h.Write(p)
	}
	b.off += int64(len(p))
	b.sinceFail += int64(len(p))
	b.snap(len(p))
	if err == nil && b.off == b.d.Size {
		err = b.finish()
	}
	if err != nil && b.ctx.Err() == nil { // not the reader's own Close stopping it
		b.readErr = err
	}
	return err
}

func (b *blobReader) finish() error {
	b.finished = true
	if b.h != nil && hex.EncodeToString(b.h.Sum(nil)) != b.d.Digest.Hex {
		b.resend = true
		return fmt.Errorf("blob %s: content has another digest: %w", b.d.Digest, errTruncated)
	}
	if b.done != nil {
		b.done()
		b.done = nil
	}
	return nil
}

// next opens the stream that goes on from off: to the end of the blob, or,
// for a blob that may be split, for the next chunks only: the first stream
// is one chunk, so that the ranges of a split decided during it start
// right after it, and each next one twice as long, up to 16 chunks, so
// that a blob that stays one stream costs few requests.
func (b *blobReader) next() error {
	end := b.d.Size
	if b.splittable() { // 1, 2, 4 … 16 chunks: a split soon, few requests when none comes
		end = min(b.off+b.f.ranges.Chunk<<min(b.streams, 4), b.d.Size)
	}
	b.streams++
	if b.par != nil {
		end = min(end, b.par.start)
	}
	s, err := b.o.open(b.ctx, b.off, end, true)
	if err != nil {
		return err
	}
	b.cur = s
	return nil
}

func (b *blobReader) endStream() {
	b.cur.body.Close()
	at := b.cur.off
	b.cur = nil
	if b.par != nil && at == b.par.start {
		b.par.own() // the blob's own slot fetches ranges too now
	}
}

// broke decides what a broken stream costs: a wait and a request from
// where it broke, or, past the retry policy's tries without progress, the
// blob's failure.
func (b *blobReader) broke(err error) error {
	if !retryableErr(err) {
		return err
	}
	if b.sinceFail >= progressAfterBreak {
		b.fails = 0
	}
	b.fails++
	b.sinceFail = 0
	if werr := b.f.retry.wait(b.ctx, b.fails, 0, err); werr != nil {
		return fmt.Errorf("blob %s: source stream broke at byte %d: %w", b.d.Digest, b.off, werr)
	}
	b.o.log("source stream broke, resuming", "at", b.off, "error", err.Error())
	return nil
}

// Close ends the stream and the ranges under way, stopping a Read under
// way first. It may be called more than once, from any goroutine.
func (b *blobReader) Close() error {
	b.cancel()
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	b.dropStreams()
	return nil
}

// dropStreams closes the stream and the ranges under way, under b.mu.
func (b *blobReader) dropStreams() {
	if b.cur != nil {
		b.cur.body.Close()
		b.cur = nil
	}
	if b.par != nil {
		b.par.close()
		b.par = nil
	}
}

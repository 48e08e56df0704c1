package registry

import (
	"time"
)

// fastSource is the rate at which one stream is fast enough: a source
// that delivers this much to one stream is not split, whatever else.
const fastSource = 256 << 20

// nearSource is a time to first byte that says the source is near (on
// loopback, or in the same data centre): a near source is split only when
// it is slower than slowSource.
const (
	nearSource = 10 * time.Millisecond
	slowSource = 16 << 20
)

// splittable reports whether the blob may still be fetched in ranges.
func (b *blobReader) splittable() bool {
	b.o.mu.Lock()
	defer b.o.mu.Unlock()
	return b.par == nil && b.f.ranges.PerBlob > 1 && b.d.Size >= b.f.ranges.Threshold &&
		!b.o.noRanges && !b.o.noParallel
}

// split decides, once per stream, whether more ranges pay, and opens them
// from the stream's end on. They pay when the source is what holds the
// copy back, the way a long link holds one stream to its window per round
// trip: the stream spent at least half of its time waiting for the
// source's bytes (not for the target to take them), got them slower than
// fastSource, and either waited nearSource or more for its first byte or
// got them slower than slowSource. On a fast link the target's writes are
// the bound, the stream rarely waits, and the blob stays one stream with
// no buffer. The decision is made once the stream has run 200 ms and read
// a MiB, or at its end, and only when a job slot is free for a second
// range right now.
func (b *blobReader) split(ended bool) {
	s := b.cur
	if s.checked || !b.splittable() {
		return
	}
	elapsed := time.Since(s.opened)
	if !ended && (s.n < 1<<20 || elapsed < 200*time.Millisecond) {
		return
	}
	s.checked = true
	rate := float64(s.n) / s.wait.Seconds()
	if b.d.Size-s.end < b.f.ranges.Chunk || s.wait < elapsed/2 || rate >= fastSource ||
		(s.ttfb < nearSource && rate >= slowSource) {
		return
	}
	release, ok := b.f.tryRange()
	if !ok {
		return
	}
	b.par = newParallel(b, s.end)
	b.par.add(release)
	for b.par.workers < b.f.ranges.PerBlob {
		if release, ok = b.f.tryRange(); !ok {
			break
		}
		b.par.add(release)
	}
	b.o.log("source holds the copy back: fetching in ranges", "from", s.end, "ranges", b.par.workers,
		"bytesPerSecond", int64(float64(s.n)/elapsed.Seconds()), "waitShare", s.wait.Seconds()/elapsed.Seconds(),
		"firstByte", s.ttfb)
}

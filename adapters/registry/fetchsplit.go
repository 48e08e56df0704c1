package registry

import (
	"time"
)

// splitEvery is how many chunks one stream of a splittable blob covers:
// at its end whether to split is asked again (a slot may have come free).
const splitEvery = 4

// fastSource is the rate at which one stream is fast enough: a source
// that delivers this much to one stream is not split, whatever else.
const fastSource = 64 << 20

// splittable reports whether the blob may still be fetched in ranges.
func (b *blobReader) splittable() bool {
	b.o.mu.Lock()
	defer b.o.mu.Unlock()
	return b.par == nil && b.f.ranges.PerBlob > 1 && b.d.Size >= b.f.ranges.Threshold &&
		!b.o.noRanges && !b.o.noParallel
}

// split decides, once per stream, whether more ranges pay, and opens them
// ahead of the stream's end. They pay when the source is what holds the
// copy back: the stream spent at least half of its time waiting for the
// source's bytes (not for the target to take them) and got them slower
// than fastSource. On a fast link the target's writes are the bound, the
// stream rarely waits, and the blob stays one stream with no buffer. The
// decision is made after the stream's first MiB and 50 ms, or at its end,
// and only when a job slot is free for a second range right now.
func (b *blobReader) split(ended bool) {
	s := b.cur
	if s.checked || !b.splittable() {
		return
	}
	elapsed := time.Since(s.opened)
	if !ended && (s.n < 1<<20 || elapsed < 50*time.Millisecond) {
		return
	}
	s.checked = true
	if b.d.Size-s.end < b.f.ranges.Chunk || s.wait < elapsed/2 || float64(s.n) >= fastSource*s.wait.Seconds() {
		return
	}
	release, ok := trySlot(b.f.sem)
	if !ok {
		return
	}
	b.par = newParallel(b, s.end)
	b.par.add(release)
	for b.par.workers < b.f.ranges.PerBlob {
		if release, ok = trySlot(b.f.sem); !ok {
			break
		}
		b.par.add(release)
	}
	b.o.log("source holds the copy back: fetching in ranges", "from", s.end, "ranges", b.par.workers,
		"bytesPerSecond", int64(float64(s.n)/elapsed.Seconds()), "waitShare", s.wait.Seconds()/elapsed.Seconds())
}

package registry

import "sync"

// chunkBufs hands out the buffers ranges fill ahead of the upload. A
// buffer is only ever held by a range that holds one of its places (and
// one of the engine's job slots), so at most Ranges.Places of them exist
// at once; they are kept for reuse
// while any blob is fetched in ranges (no garbage for the GC to pace on)
// and dropped once none is, so an idle engine holds none.
type chunkBufs struct {
	size   int
	places chan struct{} // one per range under way (Ranges.Places)

	mu     sync.Mutex
	free   [][]byte
	active int // blobs fetching in ranges
}

func newChunkBufs(r Ranges) *chunkBufs {
	return &chunkBufs{size: int(r.Chunk), places: make(chan struct{}, r.Places())}
}

func (p *chunkBufs) get() []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	if n := len(p.free); n > 0 {
		b := p.free[n-1]
		p.free = p.free[:n-1]
		return b
	}
	return make([]byte, p.size)
}

func (p *chunkBufs) put(b []byte) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.active > 0 && cap(b) == p.size {
		p.free = append(p.free, b[:p.size])
	}
}

// start and stop bracket one blob's ranged fetch.
func (p *chunkBufs) start() {
	p.mu.Lock()
	p.active++
	p.mu.Unlock()
}

func (p *chunkBufs) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.active--; p.active == 0 {
		p.free = nil
	}
}

// trySlot takes one of the engine's job slots if one is free right now;
// release gives it back. Ranges never wait for a slot: a blob that finds
// none streams on as it is, and the blobs holding them are progressing.
func trySlot(sem chan struct{}) (release func(), ok bool) {
	select {
	case sem <- struct{}{}:
		var once sync.Once
		return func() { once.Do(func() { <-sem }) }, true
	default:
		return nil, false
	}
}

// rangeRoom is how many jobs may be busy, blobs and ranges together, for
// one more range to open: ranges pay when few blobs stream (one large
// layer on a long link); eight or more blobs at once already fill the
// link, and a copy of several large blobs near its source (loopback, a
// region's own registry) would buffer chunks for no gain (64 MiB more RSS
// for the same time in BenchmarkColdCopy at 16 jobs).
const rangeRoom = 8

// tryRange takes what one more range needs, if it is free right now: one
// of the engine's job slots while fewer than rangeRoom are busy, and one
// of the buffers' places. release gives both back.
func (f *fetcher) tryRange() (release func(), ok bool) {
	if len(f.sem) >= rangeRoom {
		return nil, false
	}
	job, ok := trySlot(f.sem)
	if !ok {
		return nil, false
	}
	place, ok := trySlot(f.bufs.places)
	if !ok {
		job()
		return nil, false
	}
	return func() { place(); job() }, true
}

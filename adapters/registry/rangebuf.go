package registry

import "sync"

// chunkBufs hands out the buffers ranges fill ahead of the upload. A
// buffer is only ever held by a range that holds one of the engine's job
// slots, so at most jobs of them exist at once; they are kept for reuse
// while any blob is fetched in ranges (no garbage for the GC to pace on)
// and dropped once none is, so an idle engine holds none.
type chunkBufs struct {
	size int

	mu     sync.Mutex
	free   [][]byte
	active int // blobs fetching in ranges
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

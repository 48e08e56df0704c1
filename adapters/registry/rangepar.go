package registry

import (
	"context"
	"fmt"
	"sync"
)

// parallel fetches a blob's bytes from start on as chunks, each by one
// bounded range request into a buffer of its own, several at once, and
// hands them to the reader in order. Each range holds one of the engine's
// job slots and at most one buffer: a range whose chunk is filled waits
// until the reader has taken it before it asks for the next, so the bytes
// buffered stay under ranges × chunk.
type parallel struct {
	b          *blobReader
	start, end int64
	ctx        context.Context
	cancel     context.CancelFunc

	mu      sync.Mutex
	cond    sync.Cond
	next    int64    // first byte not yet handed to a range
	queue   []*chunk // handed out and not yet taken by the reader, in order
	workers int      // ranges, the stream that opened the blob counted
	closed  bool
	wg      sync.WaitGroup
}

type chunk struct {
	off, end int64
	buf      []byte
	n, r     int // bytes filled, bytes taken by the reader
	err      error
	taken    bool
}

func newParallel(b *blobReader, start int64) *parallel {
	p := &parallel{b: b, start: start, end: b.d.Size, next: start, workers: 1}
	p.cond.L = &p.mu
	p.ctx, p.cancel = context.WithCancel(b.ctx)
	context.AfterFunc(p.ctx, func() {
		p.mu.Lock()
		p.closed = true
		p.cond.Broadcast()
		p.mu.Unlock()
	})
	b.f.bufs.start()
	return p
}

// add starts one more range, holding a job slot that release gives back.
func (p *parallel) add(release func()) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.addLocked(release)
}

func (p *parallel) addLocked(release func()) {
	p.workers++
	p.wg.Add(1)
	go p.work(release, true)
}

// own starts the range that runs in the blob's own slot, once the stream
// that opened the blob has reached start (it was counted from the first).
func (p *parallel) own() {
	p.wg.Add(1)
	go p.work(func() {}, false)
}

// work fills chunks one after the other until none is left. A range in a
// slot of its own gives the slot back between chunks and takes it again
// only if it is still free: a blob waiting for a slot gets it first (a
// channel hands a freed place to a waiting sender), so one huge blob never
// keeps other syncs' blobs waiting for longer than a chunk.
func (p *parallel) work(release func(), extra bool) {
	defer p.wg.Done()
	defer func() { release() }()
	for {
		ch := p.take()
		if ch == nil {
			return
		}
		err := p.fill(ch)
		p.mu.Lock()
		ch.err = err
		p.cond.Broadcast()
		for !ch.taken && !p.closed && err == nil {
			p.cond.Wait()
		}
		stop := p.closed || err != nil
		p.mu.Unlock()
		if stop {
			return
		}
		if extra {
			release()
			var ok bool
			if release, ok = p.b.f.tryRange(); !ok {
				release = func() {}
				p.mu.Lock()
				p.workers--
				p.mu.Unlock()
				return
			}
		}
	}
}

// take hands out the next chunk, with a buffer; nil when there is none.
func (p *parallel) take() *chunk {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed || p.next >= p.end {
		return nil
	}
	ch := &chunk{off: p.next, end: min(p.next+p.b.f.ranges.Chunk, p.end)}
	ch.buf = p.b.f.bufs.get()[:ch.end-ch.off]
	p.next = ch.end
	p.queue = append(p.queue, ch)
	return ch
}

// fill reads a chunk's bytes, resuming where a stream broke. The reader
// takes the buffer as soon as it is full: fill keeps its own view of it.
func (p *parallel) fill(ch *chunk) error {
	buf, n := ch.buf, 0
	fails, since := 0, 0
	for {
		s, err := p.b.o.open(p.ctx, ch.off+int64(n), ch.end, false)
		if err != nil {
			return err
		}
		if s.end != ch.end { // a plain answer: the source stopped honouring ranges
			s.body.Close()
			return errRangesRefused
		}
		for err == nil && n < len(buf) {
			var k int
			k, err = s.read(buf[n:])
			n += k
			since += k
			p.mu.Lock()
			ch.n = n
			p.cond.Broadcast()
			p.mu.Unlock()
		}
		s.body.Close()
		if n == len(buf) {
			return nil
		}
		if !retryableErr(err) {
			return err
		}
		if since >= progressAfterBreak {
			fails = 0
		}
		fails, since = fails+1, 0
		if werr := p.b.f.retry.wait(p.ctx, fails, 0, err); werr != nil {
			return fmt.Errorf("blob %s: range broke at byte %d: %w", p.b.d.Digest, ch.off+int64(n), werr)
		}
		p.b.o.log("range broke, resuming", "at", ch.off+int64(n), "error", err.Error())
	}
}

// read hands the reader the next bytes in order, waiting for them.
func (p *parallel) read(dst []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for {
		if len(p.queue) > 0 {
			ch := p.queue[0]
			if ch.r < ch.n {
				n := copy(dst, ch.buf[ch.r:ch.n])
				if ch.r += n; ch.r == len(ch.buf) {
					p.taken(ch)
				}
				return n, nil
			}
			if ch.err != nil {
				return 0, ch.err
			}
		}
		if p.closed {
			return 0, fmt.Errorf("blob %s: ranges: %w", p.b.d.Digest, context.Cause(p.ctx))
		}
		p.cond.Wait()
	}
}

// taken frees a chunk the reader has read whole, and opens one more range
// when a job slot has come free meanwhile.
func (p *parallel) taken(ch *chunk) {
	p.queue = p.queue[1:]
	p.b.f.bufs.put(ch.buf)
	ch.buf, ch.taken = nil, true
	p.cond.Broadcast()
	if p.workers < p.b.f.ranges.PerBlob && p.next < p.end {
		if release, ok := p.b.f.tryRange(); ok {
			p.addLocked(release)
		}
	}
}

// close stops the ranges and waits for them to give their slots back.
func (p *parallel) close() {
	p.cancel()
	p.wg.Wait()
	p.mu.Lock()
	for _, ch := range p.queue {
		p.b.f.bufs.put(ch.buf)
	}
	p.queue = nil
	p.mu.Unlock()
	p.b.f.bufs.stop()
}

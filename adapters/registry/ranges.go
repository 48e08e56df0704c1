package registry

import (
	"github.com/imagesync/imagesync/core"
)

// Ranges is how the engine fetches a large blob over a slow link: as
// several bounded Range requests at once (bytes=a-b, never open-ended),
// reassembled in order on the way to the target. The zero value of a
// field takes its default (DefaultRanges).
type Ranges struct {
	// Threshold: blobs at least this many bytes may be fetched in ranges;
	// smaller ones always come in one request (default 32 MiB).
	Threshold int64
	// Chunk is the bytes of each ranged request, and of each buffer a
	// range fills ahead of the upload (default 8 MiB; 1 to 64 MiB).
	Chunk int64
	// PerBlob is the most ranges of one blob in flight at once (default 8;
	// 1: one stream, no ranges; at most 64). Each range takes one of the
	// engine's jobs, the same budget the blobs stream in, and one of
	// Places() buffers, so that at most Places() × Chunk bytes (64 MiB by
	// default) are buffered whatever the image and the jobs.
	PerBlob int
}

// DefaultRanges: blobs of 32 MiB and more, 8 MiB requests, up to 8 at once.
var DefaultRanges = Ranges{Threshold: 32 << 20, Chunk: 8 << 20, PerBlob: 8}

// rangeBudget is the bytes of chunk buffers all ranges share, unless one
// blob's PerBlob chunks need more.
const rangeBudget = 64 << 20

// Places is how many ranges may be under way at once, every blob
// together: as many chunks as fit in 64 MiB, and at least PerBlob, so
// that one blob can always open its ranges.
func (r Ranges) Places() int { return max(r.PerBlob, int(rangeBudget/r.Chunk)) }

// WithRanges sets how large blobs are fetched (default DefaultRanges). More
// than one range is opened only when the first stream shows that the
// source, not the target, is what holds the copy back (see doc.go). Zero
// fields take their defaults; a value out of range is refused.
func WithRanges(r Ranges) Option {
	return func(e *Engine) error {
		r, err := r.withDefaults()
		if err != nil {
			return err
		}
		e.ranges = r
		return nil
	}
}

// withDefaults fills zero fields and checks the rest.
func (r Ranges) withDefaults() (Ranges, error) {
	if r.Threshold == 0 {
		r.Threshold = DefaultRanges.Threshold
	}
	if r.Chunk == 0 {
		r.Chunk = DefaultRanges.Chunk
	}
	if r.PerBlob == 0 {
		r.PerBlob = DefaultRanges.PerBlob
	}
	if r.Threshold < 0 || r.Chunk < 1<<20 || r.Chunk > 64<<20 || r.PerBlob < 1 || r.PerBlob > 64 {
		return r, core.Errorf(core.ErrInvalid,
			"registry: ranges need threshold ≥ 0, 1 MiB ≤ chunk ≤ 64 MiB and 1 ≤ perBlob ≤ 64, got %+v", r)
	}
	return r, nil
}

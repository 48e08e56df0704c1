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
	// 1: one stream, no ranges; at most 64). Ranges take their places from
	// the engine's jobs, the same budget the blobs stream in, so at most
	// jobs × Chunk bytes are buffered whatever the image.
	PerBlob int
}

// DefaultRanges: blobs of 32 MiB and more, 8 MiB requests, up to 8 at once.
var DefaultRanges = Ranges{Threshold: 32 << 20, Chunk: 8 << 20, PerBlob: 8}

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

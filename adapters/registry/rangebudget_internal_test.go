package registry

import (
	"io"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The chunk buffers have a budget of their own: 64 MiB of chunks, or one
// blob's PerBlob chunks when that is more, whatever the jobs.
func TestRangesPlaces(t *testing.T) {
	for _, c := range []struct {
		r    Ranges
		want int
	}{
		{DefaultRanges, 8},
		{Ranges{Chunk: 1 << 20, PerBlob: 4}, 64},
		{Ranges{Chunk: 64 << 20, PerBlob: 2}, 2},
		{Ranges{Chunk: 16 << 20, PerBlob: 8}, 8},
	} {
		assert.Equal(t, c.want, c.r.Places(), "%+v", c.r)
	}
}

// A range needs a job slot and a place: with places spent, no range opens
// however many jobs are free, and a refused range holds no job slot.
func TestTryRangeNeedsAPlace(t *testing.T) {
	f := testFetcher(io.Discard)
	f.sem = make(chan struct{}, 16)
	f.bufs.places = make(chan struct{}, 2)
	f.sem <- struct{}{} // a blob streaming
	r1, ok := f.tryRange()
	require.True(t, ok)
	_, ok = f.tryRange()
	require.True(t, ok)
	_, ok = f.tryRange()
	assert.False(t, ok, "no place left")
	assert.Len(t, f.sem, 3, "the refused range gave its job slot back")
	r1()
	r1() // twice is once
	assert.Len(t, f.sem, 2)
	assert.Len(t, f.bufs.places, 1)
	_, ok = f.tryRange()
	assert.True(t, ok, "a place came free")
}

// Ranges open only while fewer than eight jobs are busy: eight blobs
// streaming of sixteen jobs leave no room for ranges, seven do.
func TestTryRangeOnlyWhileFewBlobsStream(t *testing.T) {
	f := testFetcher(io.Discard)
	f.sem = make(chan struct{}, 16)
	for range 8 {
		f.sem <- struct{}{}
	}
	_, ok := f.tryRange()
	assert.False(t, ok, "eight of sixteen busy")
	<-f.sem
	release, ok := f.tryRange()
	require.True(t, ok, "seven of sixteen busy")
	_, ok = f.tryRange()
	assert.False(t, ok, "the range made it eight")
	release()
}

package registry_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pushLayers pushes a random image of layers of size bytes each to ref
// and returns its digest and the bytes of its blobs (config included).
func pushLayers(t *testing.T, ref string, size int64, layers int) (string, int64) {
	t.Helper()
	img, err := random.Image(size, int64(layers))
	require.NoError(t, err)
	r, err := name.ParseReference(ref)
	require.NoError(t, err)
	require.NoError(t, remote.Write(r, img))
	d, err := img.Digest()
	require.NoError(t, err)
	m, err := img.Manifest()
	require.NoError(t, err)
	n := m.Config.Size
	for _, l := range m.Layers {
		n += l.Size
	}
	return d.String(), n
}

// logBuf is a debug log the engine writes from many goroutines.
type logBuf struct {
	mu gosync.Mutex
	b  bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// rangedEngine is an engine with small ranges, so that a few MiB show
// them, logging at debug into logs.
func rangedEngine(t *testing.T, logs *logBuf, jobs int) *reg.Engine {
	t.Helper()
	e, err := reg.New(reg.WithJobs(jobs), reg.WithRanges(reg.Ranges{Threshold: 2 << 20, Chunk: 1 << 20, PerBlob: 4}),
		reg.WithLogger(slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	require.NoError(t, err)
	return e
}

// A source whose link holds one stream to 4 MiB/s is fetched in ranges:
// several at once, each bounded, and not a byte twice.
func TestRangesOnSlowSource(t *testing.T) {
	src, dst := registrytest.Distribution(t, ""), registrytest.InMemory(t)
	want, size := pushLayers(t, src+"/app:v1", 8<<20, 1)
	p := registrytest.NewShapeProxy(t, src, registrytest.Shape{RTT: 5 * time.Millisecond, Rate: 4 << 20})
	var logs logBuf
	_, err := sync(t, rangedEngine(t, &logs, 4), p.Host+"/app:v1", dst+"/app", false, false)
	require.NoError(t, err)
	assert.Equal(t, want, digestOf(t, dst+"/app:v1"))
	assert.Contains(t, logs.String(), "fetching in ranges")
	c := p.Counters()
	assert.Equal(t, size, c.BlobBytes, "every byte once")
	assert.GreaterOrEqual(t, c.Ranged, int64(8), "one request per 1 MiB chunk of the 8 MiB layer")
	assert.LessOrEqual(t, c.MaxBlobGets, int64(4), "at most PerBlob ranges at once")
}

// Ranges take their places from the engine's jobs: two large blobs on a
// slow source with jobs 3 never have more than 3 requests under way.
func TestRangesShareTheJobs(t *testing.T) {
	src, dst := registrytest.Distribution(t, ""), registrytest.InMemory(t)
	want, _ := pushLayers(t, src+"/app:v1", 6<<20, 2)
	p := registrytest.NewShapeProxy(t, src, registrytest.Shape{Rate: 4 << 20})
	var logs logBuf
	_, err := sync(t, rangedEngine(t, &logs, 3), p.Host+"/app:v1", dst+"/app", false, false)
	require.NoError(t, err)
	assert.Equal(t, want, digestOf(t, dst+"/app:v1"))
	assert.Contains(t, logs.String(), "fetching in ranges")
	assert.LessOrEqual(t, p.Counters().MaxBlobGets, int64(3))
}

// A source that ignores Range (answers 200 with the whole blob) is read
// in one plain stream, and the copy is identical.
func TestRangesIgnoredFallsBack(t *testing.T) {
	src, dst := registrytest.Distribution(t, ""), registrytest.InMemory(t)
	want, size := pushLayers(t, src+"/app:v1", 3<<20, 2)
	p := registrytest.NewShapeProxy(t, src, registrytest.Shape{IgnoreRange: true, Rate: 8 << 20})
	var logs logBuf
	_, err := sync(t, rangedEngine(t, &logs, 4), p.Host+"/app:v1", dst+"/app", false, false)
	require.NoError(t, err)
	assert.Equal(t, want, digestOf(t, dst+"/app:v1"))
	assert.Contains(t, logs.String(), "source ignores Range")
	assert.NotContains(t, logs.String(), "fetching in ranges")
	assert.Equal(t, size, p.Counters().BlobBytes, "one plain stream per blob")
}

// A source whose 206 answers name other bytes than were asked is refused:
// none of those bytes reach the target, the blob is read in one plain
// stream instead, and the copy is identical.
func TestRangesWrongContentRangeRefused(t *testing.T) {
	src, dst := registrytest.Distribution(t, ""), registrytest.InMemory(t)
	want, _ := pushLayers(t, src+"/app:v1", 3<<20, 2)
	p := registrytest.NewShapeProxy(t, src, registrytest.Shape{WrongContentRange: true})
	var logs logBuf
	_, err := sync(t, rangedEngine(t, &logs, 4), p.Host+"/app:v1", dst+"/app", false, false)
	require.NoError(t, err)
	assert.Equal(t, want, digestOf(t, dst+"/app:v1"))
	assert.Contains(t, logs.String(), "refused a ranged answer")
	assert.Contains(t, logs.String(), `contentRange="bytes 1-`)
}

// A blob whose stream is cut mid-body is resumed where it broke: the
// source sends every byte once (counted at a proxy in front of the cut).
func TestRangesResumeCutStream(t *testing.T) {
	for _, name := range []string{"one stream", "ranges"} {
		t.Run(name, func(t *testing.T) {
			src, dst := registrytest.Distribution(t, ""), registrytest.InMemory(t)
			want, size := pushLayers(t, src+"/app:v1", 4<<20, 1)
			f := registrytest.NewFaultProxy(t, src, 0, 1)
			f.Cut(2)
			shape := registrytest.Shape{}
			if name == "ranges" {
				shape.Rate = 4 << 20
			}
			p := registrytest.NewShapeProxy(t, f.Host, shape)
			var logs logBuf
			_, err := sync(t, rangedEngine(t, &logs, 4), p.Host+"/app:v1", dst+"/app", false, false)
			require.NoError(t, err)
			assert.Equal(t, want, digestOf(t, dst+"/app:v1"))
			assert.Equal(t, 2, f.Injected()[registrytest.FaultTruncate])
			assert.Contains(t, logs.String(), "resuming")
			assert.Equal(t, size, p.Counters().BlobBytes, "the cut bytes are not fetched again")
		})
	}
}

// With a fifth of the blob downloads cut mid-body, the source sends at
// most 1.3 × the image's bytes.
func TestRangesFaultyLinkBytes(t *testing.T) {
	src, dst := registrytest.Distribution(t, ""), registrytest.InMemory(t)
	want := registrytest.PushIndex(t, src+"/app:v1", 1<<20, 4, 2)
	f := registrytest.NewFaultProxy(t, src, 0.2, 7, registrytest.FaultTruncate)
	f.Only(func(r *http.Request) bool { return strings.Contains(r.URL.Path, "/blobs/") })
	p := registrytest.NewShapeProxy(t, f.Host, registrytest.Shape{})
	var logs logBuf
	_, err := sync(t, rangedEngine(t, &logs, 4), p.Host+"/app:v1", dst+"/app", false, false)
	require.NoError(t, err)
	assert.Equal(t, want, digestOf(t, dst+"/app:v1"))
	var size int64
	for _, d := range registrytest.Blobs(t, src+"/app:v1") {
		size += d.Size
	}
	got := p.Counters().BlobBytes
	t.Logf("cut %d of %d blob GETs: fetched %d of %d bytes (%.3f×)", f.Injected()[registrytest.FaultTruncate],
		p.Counters().Requests, got, size, float64(got)/float64(size))
	assert.Positive(t, f.Injected()[registrytest.FaultTruncate])
	assert.LessOrEqual(t, float64(got), 1.3*float64(size))
}

// A blob fetched in ranges gives its extra slots back between chunks:
// another sync's blobs waiting for one get them long before it is in.
func TestRangesYieldSlots(t *testing.T) {
	src, dst := registrytest.Distribution(t, ""), registrytest.Distribution(t, "") // the in-memory one takes one lock for a whole PUT
	_, big := pushLayers(t, src+"/big:v1", 16<<20, 1)
	want, _ := pushLayers(t, src+"/small:v1", 1024, 1)
	p := registrytest.NewShapeProxy(t, src, registrytest.Shape{Rate: 4 << 20})
	var logs logBuf
	e, err := reg.New(reg.WithJobs(2), reg.WithRanges(reg.Ranges{Threshold: 2 << 20, Chunk: 1 << 20, PerBlob: 2}),
		reg.WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	require.NoError(t, err)
	done := make(chan error, 1)
	go func() { _, err := sync(t, e, p.Host+"/big:v1", dst+"/big", false, false); done <- err }()
	require.Eventually(t, func() bool { return strings.Contains(logs.String(), "fetching in ranges") },
		time.Minute, 10*time.Millisecond, "the big blob holds both slots")
	_, err = sync(t, e, p.Host+"/small:v1", dst+"/small", false, false)
	require.NoError(t, err)
	fetched := p.Counters().BlobBytes
	require.NoError(t, <-done)
	assert.Equal(t, want, digestOf(t, dst+"/small:v1"))
	assert.Less(t, fetched, big/2, "the small image went through while the big blob was under way")
}

package registry

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestContentRangeIs(t *testing.T) {
	for _, tc := range []struct {
		h    string
		want bool
	}{
		{"bytes 0-99/100", true},
		{"bytes 0-99/*", true},
		{"bytes 1-100/100", false},
		{"bytes 0-98/100", false},
		{"bytes 0-99/101", false},
		{"0-99/100", false},
		{"bytes 0-99", false},
		{"bytes -99/100", false},
		{"bytes 0--99/100", false},
		{"bytes +0-99/100", false},
		{"bytes 00-99/100", false},
		{"", false},
	} {
		t.Run(tc.h, func(t *testing.T) { assert.Equal(t, tc.want, contentRangeIs(tc.h, 0, 99, 100)) })
	}
}

// A Content-Range is the source's word: whatever it says, only the exact
// answer to the range asked is taken.
func FuzzContentRange(f *testing.F) {
	for _, s := range []string{"bytes 0-99/100", "bytes 5-9/*", "bytes 1-1/2", "bytes  0-1/2", "bytes +0-1/2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		if contentRangeIs(h, 3, 9, 10) && h != "bytes 3-9/10" && h != "bytes 3-9/*" {
			t.Fatalf("%q taken for bytes 3-9/10", h)
		}
	})
}

// blobServer serves body as a blob with http.ServeContent (ranges
// honoured), each connection at most rate bytes per second (0: no cap);
// answer may rewrite a request first (n counts the requests).
func blobServer(t *testing.T, body []byte, rate int, answer func(n int64, r *http.Request)) *repoClient {
	var n atomic.Int64
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if answer != nil {
			answer(n.Add(1), r)
		}
		var out io.Writer = w
		if rate > 0 {
			out = &slowWriter{w: w, rate: rate}
		}
		http.ServeContent(writerTo{ResponseWriter: w, out: out}, r, "", time.Time{}, bytes.NewReader(body))
	}))
	t.Cleanup(s.Close)
	repo, err := name.NewRepository(strings.TrimPrefix(s.URL, "http://")+"/app", name.Insecure)
	require.NoError(t, err)
	return &repoClient{repo: repo, c: s.Client()}
}

type writerTo struct {
	http.ResponseWriter
	out io.Writer
}

func (w writerTo) Write(p []byte) (int, error) { return w.out.Write(p) }

type slowWriter struct {
	w    http.ResponseWriter
	rate int
}

func (s *slowWriter) Write(p []byte) (int, error) {
	n := 0
	for len(p) > 0 {
		k := min(len(p), 64<<10)
		time.Sleep(time.Duration(k) * time.Second / time.Duration(s.rate))
		m, err := s.w.Write(p[:k])
		n += m
		if err != nil {
			return n, err
		}
		p = p[k:]
	}
	return n, nil
}

func testFetcher(logs io.Writer) *fetcher {
	r := Ranges{Threshold: 2 << 20, Chunk: 1 << 20, PerBlob: 4}
	return &fetcher{retry: DefaultRetry, ranges: r, sem: make(chan struct{}, 4), bufs: newChunkBufs(r),
		log: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}
}

func randomBlob(t *testing.T, size int) ([]byte, v1.Descriptor) {
	body := make([]byte, size)
	_, err := rand.Read(body)
	require.NoError(t, err)
	sum := sha256.Sum256(body)
	return body, v1.Descriptor{Digest: v1.Hash{Algorithm: "sha256", Hex: hex.EncodeToString(sum[:])}, Size: int64(size)}
}

// A sha512 blob is verified as a sha256 one is.
func TestBlobReaderSHA512(t *testing.T) {
	body := []byte("sha512 blob")
	sum := sha512.Sum512(body)
	d := v1.Descriptor{Digest: v1.Hash{Algorithm: "sha512", Hex: hex.EncodeToString(sum[:])}, Size: int64(len(body))}
	var count atomic.Int64
	b, err := testFetcher(io.Discard).openBlob(context.Background(), blobServer(t, body, 0, nil), d, &count)
	require.NoError(t, err)
	got, err := io.ReadAll(b.handle())
	require.NoError(t, err)
	assert.Equal(t, body, got)

	b, err = testFetcher(io.Discard).openBlob(context.Background(), blobServer(t, []byte("sha512 blub"), 0, nil), d, &count)
	require.NoError(t, err)
	_, err = io.ReadAll(b.handle())
	assert.ErrorContains(t, err, "another digest")
	assert.True(t, b.resend)
}

// A source that honours ranges at first and then stops (answers 200) is
// read on from where the ranges had got, in one plain stream: the copy is
// identical and every range's slot is given back.
func TestBlobReaderRangesStopMidway(t *testing.T) {
	body, d := randomBlob(t, 8<<20)
	src := blobServer(t, body, 4<<20, func(n int64, r *http.Request) {
		if n > 3 {
			r.Header.Del("Range")
		}
	})
	var logs bytes.Buffer
	f := testFetcher(&logs)
	var count atomic.Int64
	b, err := f.openBlob(context.Background(), src, d, &count)
	require.NoError(t, err)
	got, err := io.ReadAll(b.handle())
	require.NoError(t, err)
	require.NoError(t, b.Close())
	assert.True(t, bytes.Equal(body, got))
	assert.Contains(t, logs.String(), "fetching in ranges")
	assert.Contains(t, logs.String(), "source ignores Range")
	assert.Empty(t, f.sem, "every range gave its slot back")
	assert.Nil(t, f.bufs.free, "no buffer kept once no blob is fetched in ranges")
}

// A registry that redirects blob GETs to an object store is asked once:
// every range goes to the store's URL straight; when the store refuses an
// expired URL (403), the registry is asked again, once.
func TestBlobReaderRangesFollowRedirectOnce(t *testing.T) {
	body, d := randomBlob(t, 8<<20)
	var toRegistry, toStore atomic.Int64
	store := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if toStore.Add(1) == 4 {
			http.Error(w, "expired", http.StatusForbidden)
			return
		}
		http.ServeContent(writerTo{ResponseWriter: w, out: &slowWriter{w: w, rate: 4 << 20}}, r, "", time.Time{}, bytes.NewReader(body))
	}))
	t.Cleanup(store.Close)
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		toRegistry.Add(1)
		http.Redirect(w, r, store.URL+"/bucket/"+d.Digest.Hex+"?sig=1", http.StatusTemporaryRedirect)
	}))
	t.Cleanup(front.Close)
	repo, err := name.NewRepository(strings.TrimPrefix(front.URL, "http://")+"/app", name.Insecure)
	require.NoError(t, err)
	var logs bytes.Buffer
	var count atomic.Int64
	b, err := testFetcher(&logs).openBlob(context.Background(), &repoClient{repo: repo, c: front.Client()}, d, &count)
	require.NoError(t, err)
	got, err := io.ReadAll(b.handle())
	require.NoError(t, err)
	require.NoError(t, b.Close())
	assert.True(t, bytes.Equal(body, got))
	assert.Contains(t, logs.String(), "fetching in ranges")
	assert.Contains(t, logs.String(), "object store refused a range")
	assert.Equal(t, int64(2), toRegistry.Load(), "the first request and the one after the 403")
	assert.GreaterOrEqual(t, toStore.Load(), int64(8+1), "1 MiB ranges, and the refused one")
	assert.Equal(t, int64(len(body)), count.Load(), "no byte twice")
}

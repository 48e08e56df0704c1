package registry

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// When the object store refuses its URL to every range under way at once
// (it expired), the registry is asked again once, not once per range: the
// others wait for its answer and go on to the new URL.
func TestOriginAsksRegistryOnceWhenStoreRefuses(t *testing.T) {
	const ranges, chunk = 4, 1 << 10
	body, _ := randomBlob(t, ranges*chunk)
	refused := make(chan struct{})
	var expired atomic.Int64
	store := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("sig") == "old" {
			if expired.Add(1) == ranges {
				close(refused)
			}
			<-refused // every range holds the expired URL before any is refused
			http.Error(w, "expired", http.StatusForbidden)
			return
		}
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
	}))
	t.Cleanup(store.Close)
	var toRegistry atomic.Int64
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		toRegistry.Add(1)
		http.Redirect(w, r, store.URL+"/bucket/blob?sig=new", http.StatusTemporaryRedirect)
	}))
	t.Cleanup(front.Close)
	var logs syncBuffer
	var count atomic.Int64
	o := &origin{c: front.Client(), reg: front.URL + "/v2/app/blobs/sha256:x", size: int64(len(body)), count: &count,
		log: func(msg string, _ ...any) { logs.WriteString(msg + "\n") }}
	o.final = store.URL + "/bucket/blob?sig=old"

	var wg sync.WaitGroup
	got := make([][]byte, ranges)
	errs := make([]error, ranges)
	for i := range ranges {
		wg.Go(func() {
			s, err := o.open(context.Background(), int64(i*chunk), int64((i+1)*chunk), false)
			if err != nil {
				errs[i] = err
				return
			}
			defer s.body.Close()
			got[i], errs[i] = io.ReadAll(readerFunc(s.read))
		})
	}
	wg.Wait()
	for i := range ranges {
		require.NoError(t, errs[i])
		assert.Equal(t, body[i*chunk:(i+1)*chunk], got[i], "range %d", i)
	}
	assert.Equal(t, int64(ranges), expired.Load(), "each range tried the expired URL")
	assert.Equal(t, int64(1), toRegistry.Load(), "the registry is asked again once")
	assert.Equal(t, 1, bytes.Count([]byte(logs.String()), []byte("object store refused a range")))
}

// syncBuffer is a bytes.Buffer written from several goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) WriteString(p string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.b.WriteString(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

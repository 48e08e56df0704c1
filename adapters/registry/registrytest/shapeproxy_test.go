package registrytest

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A byte the client can have read is counted already: a test that looks
// at the counters as soon as its copy is done sees every byte sent (they
// were counted after the write, which the client could overtake under
// load: TestRangesIgnoredFallsBack failed once so).
func TestShapeProxyCountsWhatTheClientCanHaveRead(t *testing.T) {
	body := bytes.Repeat([]byte("layer"), 20<<10)
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write(body) }))
	t.Cleanup(up.Close)
	p := NewShapeProxy(t, strings.TrimPrefix(up.URL, "http://"), Shape{})
	client := &readingClient{header: http.Header{}, read: func(n int64) {
		assert.GreaterOrEqual(t, p.Counters().BlobBytes, n, "counted once the client has it")
	}}
	p.ServeHTTP(client, httptest.NewRequest(http.MethodGet, "/v2/app/blobs/sha256:ab", nil))
	assert.Equal(t, int64(len(body)), client.n)
	assert.Equal(t, int64(len(body)), p.Counters().BlobBytes)
}

// readingClient is a ResponseWriter that stands for the client at the
// other end of the connection: read is called with the bytes it holds as
// soon as each write hands it more.
type readingClient struct {
	header http.Header
	n      int64
	read   func(n int64)
}

func (c *readingClient) Header() http.Header { return c.header }
func (c *readingClient) WriteHeader(int)     {}
func (c *readingClient) Write(b []byte) (int, error) {
	c.n += int64(len(b))
	c.read(c.n)
	return len(b), nil
}

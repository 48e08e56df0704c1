package registry_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pagedTags serves GET /v2/app/tags/list in three pages, linked by
// relative then absolute Link headers, after a 429 on the first try;
// next, when set, replaces the last page's link.
func pagedTags(t *testing.T, next string) (host string, gets *atomic.Int32) {
	gets = new(atomic.Int32)
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/v2/" {
			return
		}
		require.Equal(t, "/v2/app/tags/list", r.URL.Path)
		if gets.Add(1) == 1 {
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		switch r.URL.Query().Get("last") {
		case "":
			w.Header().Set("Link", `</v2/app/tags/list?last=b&n=2>; rel="next"`)
			fmt.Fprint(w, `{"name":"app","tags":["a","b"]}`)
		case "b":
			link := fmt.Sprintf(`<http://%s/v2/app/tags/list?last=d&n=2>;rel=next`, r.Host)
			if next != "" {
				link = next
			}
			w.Header().Set("Link", link)
			fmt.Fprint(w, `{"name":"app","tags":["c","d"]}`)
		case "d":
			fmt.Fprint(w, `{"name":"app","tags":["e"]}`)
		}
	}))
	t.Cleanup(s.Close)
	return strings.TrimPrefix(s.URL, "http://"), gets
}

// A tag list follows the registry's pages, through the engine's retries.
func TestListTagsFollowsPages(t *testing.T) {
	host, gets := pagedTags(t, "")
	e, err := reg.New(reg.WithRetry(fastRetry))
	require.NoError(t, err)
	tags, err := e.ListTags(context.Background(), host+"/app")
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b", "c", "d", "e"}, tags)
	assert.EqualValues(t, 4, gets.Load(), "a 429, then three pages")
}

// A next page on another host is not followed: the login would go there.
func TestListTagsRefusesForeignPages(t *testing.T) {
	host, _ := pagedTags(t, `<http://127.0.0.2:1/v2/app/tags/list?last=d>; rel="next"`)
	e, err := reg.New(reg.WithRetry(fastRetry))
	require.NoError(t, err)
	_, err = e.ListTags(context.Background(), host+"/app")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not followed")
}

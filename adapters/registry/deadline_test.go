package registry_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// slowUploads delays every blob upload, so that a copy outlives a deadline.
type slowUploads struct{ delay time.Duration }

func (s slowUploads) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method == http.MethodPut && strings.Contains(r.URL.Path, "/blobs/uploads/") {
		select {
		case <-time.After(s.delay):
		case <-r.Context().Done():
			return nil, r.Context().Err()
		}
	}
	return http.DefaultTransport.RoundTrip(r)
}

// A deadline that expires mid-copy leaves no target tag behind, let alone one
// pointing at an incomplete image; the next sync completes the copy.
func TestDeadlineMidCopyLeavesNoPartialTag(t *testing.T) {
	a, b := registrytest.InMemory(t), registrytest.InMemory(t)
	want := registrytest.PushIndex(t, a+"/app:v1", 64<<10, 3, 2)
	slow, err := reg.New(reg.WithTransport(slowUploads{delay: 150 * time.Millisecond}), reg.WithJobs(1), reg.WithRetry(fastRetry))
	require.NoError(t, err)

	ctx, cancel := context.WithTimeout(context.Background(), 400*time.Millisecond)
	defer cancel()
	_, err = slow.Sync(ctx, copyReq(a+"/app:v1", b+"/app"))
	require.Error(t, err)
	assert.Empty(t, registrytest.Digest(t, b+"/app:v1"), "no tag before every blob and manifest is in place")

	fast, err := reg.New()
	require.NoError(t, err)
	task, err := fast.Sync(context.Background(), copyReq(a+"/app:v1", b+"/app"))
	require.NoError(t, err)
	assert.Equal(t, want, task.Digest)
	assert.Equal(t, want, registrytest.Digest(t, b+"/app:v1"))
}

package app_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pushTags pushes n small images tagged 1.0.0 … 1.<n-1>.0 to repo.
func pushTags(t *testing.T, repo string, n int) []string {
	t.Helper()
	var tags []string
	for i := range n {
		tag := fmt.Sprintf("1.%d.0", i)
		registrytest.PushIndex(t, repo+":"+tag, 512, 1, 1)
		tags = append(tags, tag)
	}
	return tags
}

// present counts the tags of tags that repo holds.
func present(t *testing.T, repo string, tags []string) int {
	n := 0
	for _, tag := range tags {
		if registrytest.Digest(t, repo+":"+tag) != "" {
			n++
		}
	}
	return n
}

// TestTagsPerJobWired: limits.tagsPerJob: 2 in the configuration file,
// read by app.New, caps a job over 5 tags at 2 copies per tick, at the
// default concurrency of 8 (syncs in flight count against the cap), and
// the job's summary says the other 3 were refused by the limit.
func TestTagsPerJobWired(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	tags := pushTags(t, src+"/team/app", 5)
	a := newApp(t, fmt.Sprintf(`
auth: {mode: none}
limits: {tagsPerJob: 2}
jobs:
  - name: mirror
    sources: ["%s/team/app"]
    targets: [{image: "%s/team/app:${tag}"}]
`, src, dst))
	out, err := a.Tick(t.Context(), nil, false)
	require.NoError(t, err, "a capped job is not a failure: the next tick goes on")
	require.Len(t, out.Jobs, 1)
	job := out.Jobs[0]
	assert.Equal(t, 2, job.Copied)
	assert.Equal(t, 3, job.Remaining)
	assert.Contains(t, strings.Join(job.Notes, "\n"), "3 syncs refused by limits.tagsPerJob (2 copies per job and tick)")
	assert.Equal(t, 2, present(t, dst+"/team/app", tags))

	for range 2 { // the job converges: each tick skips what is done
		_, err = a.Tick(t.Context(), nil, false)
		require.NoError(t, err)
	}
	assert.Equal(t, 5, present(t, dst+"/team/app", tags))
}

// TestBytesPerRunWired: limits.bytesPerRun stops a tick from starting more
// syncs once its copies moved that many bytes; the rest are reported as
// refused by the limit.
func TestBytesPerRunWired(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	tags := pushTags(t, src+"/team/app", 3)
	a := newApp(t, fmt.Sprintf(`
auth: {mode: none}
concurrency: 1
limits: {bytesPerRun: 1}
jobs:
  - name: mirror
    sources: ["%s/team/app"]
    targets: [{image: "%s/team/app:${tag}"}]
`, src, dst))
	out, err := a.Tick(t.Context(), nil, false)
	require.NoError(t, err)
	job := out.Jobs[0]
	assert.Equal(t, 1, job.Copied)
	assert.Equal(t, 2, job.Remaining)
	assert.Contains(t, strings.Join(job.Notes, "\n"), "2 syncs refused by limits.bytesPerRun (1 bytes per run)")
	assert.Equal(t, 1, present(t, dst+"/team/app", tags))
}

// TestBytesPerRunLeavesPushForRedelivery: a push whose syncs the byte
// budget left is answered 503 through the HTTP API (the sender delivers it
// again), naming the limit.
func TestBytesPerRunLeavesPushForRedelivery(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	digest := registrytest.PushIndex(t, src+"/team/app:v1", 512, 1, 1)
	a := newApp(t, fmt.Sprintf(`
auth: {mode: none}
concurrency: 1
limits: {bytesPerRun: 1}
onPush:
  - name: mirror
    match: {registry: %q, repository: "team/**"}
    targets: [{image: "%s/one/${path}:${tag}"}, {image: "%s/two/${path}:${tag}"}]
`, src, dst, dst))
	status, out := post(t, a.HTTP, "/v1/events", distributionPush(src, "team/app", "v1", digest, "evt-bytes"))
	assert.Equal(t, http.StatusServiceUnavailable, status, out)
	assert.Contains(t, out, "limits.bytesPerRun (1 bytes per run) was reached")
	assert.NotEmpty(t, registrytest.Digest(t, dst+"/one/team/app:v1"))
	assert.Empty(t, registrytest.Digest(t, dst+"/two/team/app:v1"), "left for the redelivery")
}

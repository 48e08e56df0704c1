package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
)

// TestServeRunsScheduledJobs: the built binary, serving, runs a job on
// "@every 2s" by itself: a tag pushed to the source after start-up reaches
// the target within seconds, with no call from outside.
func TestServeRunsScheduledJobs(t *testing.T) {
	bin := buildBinary(t)
	src, dst := registrytest.Distribution(t, ""), registrytest.Distribution(t, "")
	serveWith(t, bin, registrytest.FreeAddr(t), fmt.Sprintf(`jobs:
  - name: mirror
    schedule: "@every 2s"
    sources: ["%s/team/app"]
    targets: [{image: "%s/mirror/app:${tag}"}]
`, src, dst))
	want := registrytest.PushIndex(t, src+"/team/app:v1", 4<<10, 1, 2)
	deadline := time.Now().Add(30 * time.Second) // a few ticks, with room for a loaded machine
	for registrytest.Digest(t, dst+"/mirror/app:v1") != want && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	assert.Equal(t, want, registrytest.Digest(t, dst+"/mirror/app:v1"))
}

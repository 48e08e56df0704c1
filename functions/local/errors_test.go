package main

import (
	"strings"
	"testing"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// linesWith counts the lines of s that contain sub.
func linesWith(s, sub string) int {
	n := 0
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			n++
		}
	}
	return n
}

// A failed sync is said once on stderr (it was three times: the core's
// log line, the command's error, and again in a summary), naming the flag
// that would change it; durations in the logs are human.
func TestOneErrorLinePerFailure(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	registrytest.PushIndex(t, src+"/team/app:v1", 1024, 1, 1)
	registrytest.PushIndex(t, src+"/team/app:v2", 1024, 1, 1)
	code, _, errOut := runIn("sync", src+"/team/app:v1", dst+"/mirror/app:v1")
	require.Equal(t, 0, code, errOut)
	assert.Regexp(t, `"took":"\d+(\.\d+)?(ms|s|µs)"`, errOut, "durations are human in the JSON logs too")

	code, out, errOut := runIn("sync", src+"/team/app:v2", dst+"/mirror/app:v1")
	assert.Equal(t, 1, code)
	assert.Equal(t, 1, linesWith(errOut, "holds sha256:"), errOut)
	assert.Contains(t, errOut, "pass --override to replace it")
	assert.NotContains(t, errOut, "set override")
	assert.Contains(t, out, `"status": "FAILED"`, "the result on stdout is the failed task (JSON off a terminal)")

	code, out, errOut = runIn("sync", src+"/team/app:v2", dst+"/mirror/app:v1", "--output", "text")
	assert.Equal(t, 1, code)
	assert.Empty(t, out, "text output: a failure has no result line")
	assert.Equal(t, 1, linesWith(errOut, "holds sha256:"), errOut)

	registrytest.PushIndex(t, dst+"/mirror/app:v2", 1024, 1, 1) // another image: v2 conflicts, v1 is in place
	code, out, errOut = runIn("sync", src+"/team/app", dst+"/mirror/app", "--all-tags", "--output", "text")
	assert.Equal(t, 1, code)
	assert.Equal(t, "sync: copied 0, skipped 1, failed 1\n", out)
	assert.Equal(t, 1, linesWith(errOut, "holds sha256:"), "one line per failed tag:\n%s", errOut)
}

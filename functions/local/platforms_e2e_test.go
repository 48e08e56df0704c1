package main

import (
	"encoding/json"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func indexPlatforms(t *testing.T, ref string) []string {
	t.Helper()
	r, err := name.ParseReference(ref)
	require.NoError(t, err)
	idx, err := remote.Index(r)
	require.NoError(t, err)
	im, err := idx.IndexManifest()
	require.NoError(t, err)
	var out []string
	for _, m := range im.Manifests {
		out = append(out, m.Platform.String())
	}
	return out
}

// --platform through the built binary, for one image and for a tag set,
// and "platforms" in the API's sync body: one platform copied, the second
// run a no-op.
func TestCLIPlatforms(t *testing.T) {
	src, dst := registrytest.Distribution(t, ""), registrytest.Distribution(t, "")
	for _, tag := range []string{"v1", "v2"} {
		registrytest.PushPlatforms(t, src+"/team/app:"+tag, 2048, "linux/amd64", "linux/arm64/v8", "linux/arm/v7")
	}
	bin := buildBinary(t)

	for range 2 {
		code, out, stderr := runBin(t, bin, "sync", "--progress=false", "--platform", "linux/amd64", src+"/team/app:v1", dst+"/one/app:v1")
		require.Equal(t, 0, code, stderr)
		var task core.Task
		require.NoError(t, json.Unmarshal([]byte(out), &task))
		assert.Equal(t, "PLATFORMS_FILTERED", task.ProviderStatus)
	}
	assert.Equal(t, []string{"linux/amd64"}, indexPlatforms(t, dst+"/one/app:v1"))

	code, _, stderr := runBin(t, bin, "sync", "--progress=false", "--all-tags", "--platform=linux/arm64", "--platform", "linux/arm/v7",
		src+"/team/app", dst+"/two/app")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "copied 2, skipped 0, failed 0")
	assert.Equal(t, []string{"linux/arm64/v8", "linux/arm/v7"}, indexPlatforms(t, dst+"/two/app:v2"))
	code, _, stderr = runBin(t, bin, "sync", "--progress=false", "--all-tags", "--platform=linux/arm64", "--platform", "linux/arm/v7",
		src+"/team/app", dst+"/two/app")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "copied 0, skipped 2, failed 0")

	code, _, stderr = runBin(t, bin, "sync", "--platform", "linux", src+"/team/app:v1", dst+"/bad/app:v1")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "platforms: each must be os/arch")

	api := startServer(t, bin)
	status, task := post(t, api, syncBody(src+"/team/app:v2", dst+"/api/app:v2", `,"platforms":["linux/arm/v7"]`))
	require.Equal(t, 200, status, task)
	assert.Equal(t, "PLATFORMS_FILTERED", task["providerStatus"])
	assert.Equal(t, []string{"linux/arm/v7"}, indexPlatforms(t, dst+"/api/app:v2"))
}

package main

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/validate"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// registry -> OCI layout -> second registry through the built binary, a
// tag set and one image: the digests are the source's at every step; the
// layout and the second registry pass crane validate's checks (its
// validate package, in full); repeats are no-ops.
func TestCLILayoutRoundTrip(t *testing.T) {
	src, dst := registrytest.Distribution(t, ""), registrytest.Distribution(t, "")
	want := map[string]string{}
	for _, tag := range []string{"v1", "v2", "dev"} {
		want[tag] = registrytest.PushPlatforms(t, src+"/team/app:"+tag, 4096, "linux/amd64", "linux/arm64/v8")
	}
	bin := buildBinary(t)
	usb := filepath.Join(t.TempDir(), "usb", "app")

	code, out, stderr := runBin(t, bin, "sync", "--progress=false", src+"/team/app", "oci:"+usb, "--include", "v.*")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "copied 2, skipped 0, failed 0")
	var jo core.JobOutcome
	require.NoError(t, json.Unmarshal([]byte(out), &jo))
	require.Len(t, jo.Tasks, 2)
	code, _, stderr = runBin(t, bin, "sync", "--progress=false", src+"/team/app", "oci:"+usb, "--all-tags")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "copied 1, skipped 2, failed 0")
	ii, err := layout.ImageIndexFromPath(usb)
	require.NoError(t, err)
	require.NoError(t, validate.Index(ii), "crane validate on the layout")

	code, _, stderr = runBin(t, bin, "sync", "--progress=false", "--all-tags", "oci:"+usb, dst+"/mirror/app")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "copied 3, skipped 0, failed 0")
	for tag, d := range want {
		assert.Equal(t, d, registrytest.Digest(t, dst+"/mirror/app:"+tag), tag)
		r, err := name.ParseReference(dst + "/mirror/app:" + tag)
		require.NoError(t, err)
		idx, err := remote.Index(r)
		require.NoError(t, err)
		require.NoError(t, validate.Index(idx), "crane validate --remote %s", r)
	}
	code, _, stderr = runBin(t, bin, "sync", "--progress=false", "--all-tags", "oci:"+usb, dst+"/mirror/app")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "copied 0, skipped 3, failed 0")

	one := filepath.Join(t.TempDir(), "one")
	code, out, stderr = runBin(t, bin, "sync", "--progress=false", src+"/team/app:v2", "oci:"+one+":stable")
	require.Equal(t, 0, code, stderr)
	var task core.Task
	require.NoError(t, json.Unmarshal([]byte(out), &task))
	assert.Equal(t, want["v2"], task.Digest)
	code, _, stderr = runBin(t, bin, "sync", "--progress=false", "oci:"+one+":stable", dst+"/single/app")
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, want["v2"], registrytest.Digest(t, dst+"/single/app:stable"))
	code, _, stderr = runBin(t, bin, "sync", "--progress=false", src+"/team/app:v1", "oci:"+one+":stable")
	assert.Equal(t, 1, code, "a moved tag needs --override: %s", stderr)
	assert.Contains(t, stderr, "override")

	for _, args := range [][]string{
		{"--all-tags", "--prune", src + "/team/app", "oci:" + usb},
		{"--platform", "linux/amd64", src + "/team/app:v1", "oci:" + usb + ":x"},
		{"oci:" + usb + ":v1", "oci:" + one + ":v1"},
		{"--all-tags", src + "/team/app", "oci:" + usb + ":v1"},
		{"--src-ca", "/x.pem", "oci:" + usb + ":v1", dst + "/x/app"},
	} {
		code, _, stderr := runBin(t, bin, append([]string{"sync"}, args...)...)
		assert.Equal(t, 2, code, "%v: %s", args, stderr)
	}
}

package infra_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/infra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// platformsAt lists the platforms of the index at ref.
func platformsAt(t *testing.T, ref string) []string {
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

// jobs[].platforms and onPush[].targets[].platforms from a YAML file,
// through Load and Build: the job copies one platform of a multi-arch
// index and its second tick skips; the job's other target asks for the
// whole index over registry.platforms; the push rule's target copies its
// own platform.
func TestPlatformsPerJobWired(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	whole := registrytest.PushPlatforms(t, src+"/team/app:v1", 2048, "linux/amd64", "linux/arm64/v8", "linux/arm/v7")
	svc := build(t, fmt.Sprintf(`registry:
  platforms: [linux/arm/v7]
jobs:
  - name: amd64
    sources: [%[1]s/team/app]
    tags: {include: ["v.*"]}
    platforms: [linux/amd64]
    targets:
      - image: "%[2]s/amd64/app"
      - {image: "%[2]s/whole/app", platforms: [all]}
onPush:
  - name: arm64
    match: {registry: %[1]q}
    targets: [{image: "%[2]s/arm64/${repository}:${tag}", platforms: [linux/arm64]}]
`, src, dst))

	out, err := svc.OnTick(context.Background(), core.Tick{Jobs: []string{"amd64"}}, false)
	require.NoError(t, err)
	require.Len(t, out.Jobs, 1)
	assert.Equal(t, 2, out.Jobs[0].Copied, "%+v", out.Jobs[0])
	assert.Equal(t, []string{"linux/amd64"}, platformsAt(t, dst+"/amd64/app:v1"))
	assert.Equal(t, whole, registrytest.Digest(t, dst+"/whole/app:v1"))

	out, err = svc.OnTick(context.Background(), core.Tick{Jobs: []string{"amd64"}}, false)
	require.NoError(t, err)
	assert.Equal(t, 0, out.Jobs[0].Copied, "%+v", out.Jobs[0])
	assert.Equal(t, 2, out.Jobs[0].Skipped)

	po, err := svc.OnPush(context.Background(), core.Push{Registry: src, Repository: "team/app", Tag: "v1", Source: "test"}, false)
	require.NoError(t, err)
	require.Len(t, po.Tasks, 1, "%+v", po)
	assert.Equal(t, "PLATFORMS_FILTERED", po.Tasks[0].ProviderStatus)
	assert.Equal(t, []string{"linux/arm64/v8"}, platformsAt(t, dst+"/arm64/app:v1"))
}

func TestPlatformsRefusedAtLoad(t *testing.T) {
	_, err := infra.Load(write(t, `jobs:
  - name: j
    sources: [r.example.com/app]
    platforms: [linux]
    targets: [{image: "m.example.com/app", platforms: [all, linux/amd64]}]
`), env(nil))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "jobs[0].platforms: each must be os/arch")
	assert.Contains(t, err.Error(), "jobs[0].targets[0].platforms: \"all\" stands alone")
}

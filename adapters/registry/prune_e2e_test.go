package registry_test

import (
	"context"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func exists(t *testing.T, ref string) bool {
	t.Helper()
	r, err := name.ParseReference(ref)
	require.NoError(t, err)
	_, err = remote.Head(r)
	return err == nil
}

func tag(t *testing.T, from, to string) {
	t.Helper()
	src, err := name.ParseReference(from)
	require.NoError(t, err)
	desc, err := remote.Get(src)
	require.NoError(t, err)
	dst, err := name.NewTag(to)
	require.NoError(t, err)
	require.NoError(t, remote.Tag(dst, desc))
}

func TestDeleteTagRealRegistry(t *testing.T) {
	host := registrytest.Distribution(t, "")
	e, err := reg.New()
	require.NoError(t, err)
	ctx := context.Background()
	pushImage(t, host+"/a/app:one")
	pushImage(t, host+"/a/app:two")
	tag(t, host+"/a/app:two", host+"/a/app:two-alias")

	require.NoError(t, e.DeleteTag(ctx, host+"/a/app:one"))
	assert.False(t, exists(t, host+"/a/app:one"))

	err = e.DeleteTag(ctx, host+"/a/app:two")
	assert.ErrorIs(t, err, core.ErrConflict)
	assert.ErrorContains(t, err, "two-alias")
	assert.True(t, exists(t, host+"/a/app:two"), "a digest other tags point at stays")
	assert.True(t, exists(t, host+"/a/app:two-alias"))

	assert.ErrorIs(t, e.DeleteTag(ctx, host+"/a/app:one"), core.ErrNotFound)
	assert.ErrorIs(t, e.DeleteTag(ctx, host+"/a/app"), core.ErrInvalid)
}

func TestPruneJobRealRegistries(t *testing.T) {
	src, dst := registrytest.Distribution(t, ""), registrytest.Distribution(t, "")
	e, err := reg.New()
	require.NoError(t, err)
	ctx := context.Background()
	for _, tg := range []string{"v1", "v2", "dev"} {
		pushImage(t, src+"/team/app:"+tg)
	}
	pushImage(t, dst+"/mirror/app:local") // fails the filter: never the job's
	job := core.Job{Name: "mirror", Sources: []string{src + "/team/app"}, Tags: core.TagFilter{Include: []string{`v.*`}},
		Targets: []core.TargetTemplate{{Endpoint: core.Endpoint{Image: dst + "/mirror/${name}"}}},
		Prune:   true, Owns: []string{dst + "/mirror/*"}}
	require.NoError(t, job.Validate())
	svc := core.New(core.WithEngine(e), core.WithTriggers(core.Triggers{Jobs: []core.Job{job}}))

	out, err := svc.OnTick(ctx, core.Tick{}, false)
	require.NoError(t, err)
	assert.Equal(t, 2, out.Jobs[0].Copied)
	assert.Empty(t, out.Jobs[0].Pruned)
	tag(t, dst+"/mirror/app:v1", dst+"/mirror/app:v1-pinned") // passes the filter, shares v1's digest

	require.NoError(t, e.DeleteTag(ctx, src+"/team/app:v2"))
	dry, err := svc.OnTick(ctx, core.Tick{}, true)
	require.NoError(t, err)
	assert.Equal(t, []string{dst + "/mirror/app:v2"}, dry.Jobs[0].Pruned, "v1-pinned shares v1's digest: kept")
	assert.True(t, exists(t, dst+"/mirror/app:v2"), "a dry run deletes nothing")

	out, err = svc.OnTick(ctx, core.Tick{}, false)
	require.NoError(t, err)
	jo := out.Jobs[0]
	assert.Equal(t, []string{dst + "/mirror/app:v2"}, jo.Pruned)
	require.Len(t, jo.NotPruned, 1)
	assert.Equal(t, "conflict", jo.NotPruned[0].Kind)
	assert.Equal(t, dry.Jobs[0].NotPruned, jo.NotPruned, "the dry run kept what the run kept, saying why")
	assert.False(t, exists(t, dst+"/mirror/app:v2"))
	for _, kept := range []string{"v1", "v1-pinned", "local"} {
		assert.True(t, exists(t, dst+"/mirror/app:"+kept), kept)
	}
}

// A job whose target is SWR coordinates prunes them too: the engine's
// resolver names their registry (here a docker-registry standing in for
// swr.<region>.myhuaweicloud.com).
func TestPruneCoordinateTargetRealRegistries(t *testing.T) {
	src, swr := registrytest.Distribution(t, ""), registrytest.Distribution(t, "")
	e, err := reg.New(reg.WithResolver(reg.Hosts{core.EngineSWR: func(context.Context, core.Endpoint) (string, error) { return swr, nil }}))
	require.NoError(t, err)
	ctx := context.Background()
	for _, tg := range []string{"v1", "v2"} {
		pushImage(t, src+"/team/app:"+tg)
	}
	pushImage(t, swr+"/mirror/app:v0")
	job := core.Job{Name: "to-swr", Sources: []string{src + "/team/app"}, Tags: core.TagFilter{Include: []string{`v.*`}},
		Targets: []core.TargetTemplate{{Endpoint: core.Endpoint{Engine: core.EngineSWR, Region: "cn-north-4", Namespace: "mirror", Repository: "${name}"}}},
		Prune:   true, Owns: []string{swr + "/mirror/*"}}
	require.NoError(t, job.Validate())
	svc := core.New(core.WithEngine(e))

	out, err := svc.RunJob(ctx, job, false)
	require.NoError(t, err)
	assert.Equal(t, 2, out.Copied)
	assert.Equal(t, []string{swr + "/mirror/app:v0"}, out.Pruned)
	assert.False(t, exists(t, swr+"/mirror/app:v0"))
	assert.True(t, exists(t, swr+"/mirror/app:v2"))
}

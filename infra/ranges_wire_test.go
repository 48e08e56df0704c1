package infra_test

import (
	"context"
	"os"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/infra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoadRegistryRanges(t *testing.T) {
	cfg, err := infra.Load(write(t, "registry:\n  ranges: {thresholdMiB: 64, chunkMiB: 16, perBlob: 4}\n"), env(nil))
	require.NoError(t, err)
	assert.Equal(t, infra.RangesConfig{ThresholdMiB: 64, ChunkMiB: 16, PerBlob: 4}, cfg.Registry.Ranges)
	for yaml, key := range map[string]string{
		"{chunkMiB: 65}": "registry.ranges.chunkMiB", "{chunkMiB: -1}": "registry.ranges.chunkMiB",
		"{perBlob: 65}": "registry.ranges.perBlob", "{thresholdMiB: -1}": "registry.ranges.thresholdMiB",
		"{parallel: 4}": "registry.ranges.parallel",
	} {
		_, err := infra.Load(write(t, "registry:\n  ranges: "+yaml+"\n"), env(nil))
		require.ErrorIs(t, err, core.ErrInvalid, yaml)
		assert.Contains(t, err.Error(), key, yaml)
	}
}

// registry.ranges reaches the engine built by infra.Build: an 8 MiB layer
// behind a link of 4 MB/s per connection comes in 1 MiB ranges, several at
// once, with a 2 MiB threshold, 1 MiB chunks and 4 per blob; in one
// request with perBlob 1; and in one request with the defaults (under the
// 32 MiB threshold).
func TestRegistryRangesWired(t *testing.T) {
	src := registrytest.Distribution(t, "")
	img, err := random.Image(8<<20, 1)
	require.NoError(t, err)
	ref, err := name.ParseReference(src + "/app:v1")
	require.NoError(t, err)
	require.NoError(t, remote.Write(ref, img))
	for _, tc := range []struct {
		yaml         string
		ranged       bool
		maxRequested int64
	}{
		{"registry: {ranges: {thresholdMiB: 2, chunkMiB: 1, perBlob: 4}}\n", true, 4},
		{"registry: {ranges: {thresholdMiB: 2, chunkMiB: 1, perBlob: 1}}\n", false, 1},
		{"registry: {jobs: 8}\n", false, 1},
	} {
		t.Run(tc.yaml, func(t *testing.T) {
			p := registrytest.NewShapeProxy(t, src, registrytest.Shape{Rate: 4e6})
			dst := registrytest.InMemory(t)
			cfg, err := infra.Load(write(t, tc.yaml), env(nil))
			require.NoError(t, err)
			svc, err := infra.Build(cfg, infra.NewLogger(os.Stderr, cfg.Log))
			require.NoError(t, err)
			_, err = svc.Sync(context.Background(), core.SyncRequest{Engine: core.EngineRegistry,
				Source: core.Endpoint{Image: p.Host + "/app:v1"}, Target: core.Endpoint{Image: dst + "/app:v1"}})
			require.NoError(t, err)
			c := p.Counters()
			// The layer and the config: one request each, or the layer in 1 MiB chunks.
			if tc.ranged {
				assert.GreaterOrEqual(t, c.Ranged, int64(1+8))
				assert.Greater(t, c.MaxBlobGets, int64(1), "ranges at once")
			} else {
				assert.Equal(t, int64(2), c.Ranged)
			}
			assert.LessOrEqual(t, c.MaxBlobGets, tc.maxRequested+1, "the config blob may overlap")
		})
	}
}

package registry_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/core"
)

// An option given a value it cannot use fails New, naming the option; it
// is neither ignored (WithJobs(0) was) nor left to fail later
// (WithLogger(nil) panicked at the first copy).
func TestOptionsRefuseNonsense(t *testing.T) {
	for _, c := range []struct {
		name string
		opt  registry.Option
	}{
		{"WithJobs", registry.WithJobs(0)},
		{"WithJobs", registry.WithJobs(-1)},
		{"WithLogger", registry.WithLogger(nil)},
		{"WithKeychain", registry.WithKeychain(nil)},
		{"WithTransport", registry.WithTransport(nil)},
		{"WithResolver", registry.WithResolver(nil)},
		{"WithPreparer", registry.WithPreparer(nil)},
		{"WithDialer", registry.WithDialer(nil)},
		{"WithUserAgent", registry.WithUserAgent("")},
		{"WithMaxWait", registry.WithMaxWait(-time.Second)},
		{"WithRetry", registry.WithRetry(registry.Retry{})},
		{"WithRetry", registry.WithRetry(registry.Retry{Attempts: 3, Base: time.Second, Max: time.Millisecond})},
		{"WithCatalogPageSize", registry.WithCatalogPageSize(0)},
		{"WithDockerHubAPI", registry.WithDockerHubAPI("hub.docker.com")},
		{"WithArtifactRegistryAPI", registry.WithArtifactRegistryAPI("")},
		{"WithTagTimes", registry.WithTagTimes(nil)},
		{"WithRepositorySources", registry.WithRepositorySources(nil)},
		{"platform", registry.WithPlatforms("linux")},
		{"ranges", registry.WithRanges(registry.Ranges{Chunk: 1})},
	} {
		t.Run(c.name, func(t *testing.T) {
			e, err := registry.New(c.opt)
			require.ErrorIs(t, err, core.ErrInvalid)
			assert.Contains(t, err.Error(), c.name)
			assert.Nil(t, e)
		})
	}
}

// The documented defaults hold with no option, and sound values pass.
func TestOptionsAccept(t *testing.T) {
	_, err := registry.New()
	require.NoError(t, err)
	_, err = registry.New(registry.WithJobs(1), registry.WithMaxWait(0), registry.WithCatalogPageSize(1),
		registry.WithDockerHubAPI("http://127.0.0.1:1"), registry.WithPlatforms("linux/arm/v7"),
		registry.WithRetry(registry.Retry{Attempts: 1, Base: time.Millisecond, Max: time.Millisecond}))
	require.NoError(t, err)
}

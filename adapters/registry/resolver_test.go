package registry_test

import (
	"context"
	"testing"

	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCloudCoordinatesResolveToRegistryHosts(t *testing.T) {
	a, b := registrytest.InMemory(t), registrytest.InMemory(t)
	want := registrytest.PushIndex(t, a+"/team/app:v1", 1024, 1, 2)
	e, err := reg.New(reg.WithResolver(reg.Hosts{
		core.EngineSWR: func(_ context.Context, ep core.Endpoint) (string, error) { return b, nil },
		core.EngineACR: reg.StaticHosts(map[string]string{"cri-x": a}),
	}))
	require.NoError(t, err)
	swr := core.Endpoint{Engine: core.EngineSWR, Region: "cn-north-4", Namespace: "ns", Repository: "app"}
	acr := core.Endpoint{Engine: core.EngineACR, Region: "cn-hangzhou", Instance: "cri-x", Namespace: "team", Repository: "app", Tag: "v1"}
	task, err := e.Sync(context.Background(), core.SyncRequest{Source: acr, Target: swr})
	require.NoError(t, err)
	assert.Equal(t, want, task.Digest)
	assert.Equal(t, want, registrytest.Digest(t, b+"/ns/app:v1"))

	acr.Instance = "cri-unknown"
	_, err = e.Sync(context.Background(), core.SyncRequest{Source: acr, Target: swr})
	require.ErrorIs(t, err, core.ErrInvalid)

	host, err := reg.SWRRegionHost(context.Background(), swr)
	require.NoError(t, err)
	assert.Equal(t, "swr.cn-north-4.myhuaweicloud.com", host)
}

package infra_test

import (
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/imagesync/imagesync/adapters/acr/acrtest"
	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/infra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPrepareTargetsNeedsACloudSection(t *testing.T) {
	_, err := infra.Load(write(t, "registry:\n  prepareTargets: true\n"), env(nil))
	require.ErrorContains(t, err, "registry.prepareTargets")
}

// TestPrepareTargetsWired pushes into an ACR EE repository that does not
// exist: the registry target answers NAME_UNKNOWN until the acrtest
// emulator holds the repository, which the wired preparer creates.
func TestPrepareTargetsWired(t *testing.T) {
	const instance = "cri-ibxs3piklys3"
	emu := acrtest.New()
	t.Cleanup(emu.Close)
	emu.AddInstance("cn-hangzhou", instance)
	inner := registry.New(registry.Logger(log.New(io.Discard, "", 0)))
	dst := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/v2/newns/") && !emu.HasRepository(instance, "newns", "app") {
			w.WriteHeader(http.StatusNotFound)
			_, _ = io.WriteString(w, `{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known"}]}`)
			return
		}
		inner.ServeHTTP(w, r)
	}))
	t.Cleanup(dst.Close)
	src := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0))))
	t.Cleanup(src.Close)
	srcRef := strings.TrimPrefix(src.URL, "http://") + "/team/app:v1"
	img, err := random.Image(512, 1)
	require.NoError(t, err)
	ref, err := name.ParseReference(srcRef)
	require.NoError(t, err)
	require.NoError(t, remote.Write(ref, img))

	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", acrtest.TestAccessKeyID)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", acrtest.TestAccessKeySecret)
	cfg, err := infra.Load(write(t, fmt.Sprintf("registry:\n  prepareTargets: true\n  acrHosts: {%s: %q}\nacr:\n  endpoint: %q\n",
		instance, strings.TrimPrefix(dst.URL, "http://"), emu.URL)), env(nil))
	require.NoError(t, err)
	svc, err := infra.Build(cfg, infra.NewLogger(os.Stderr, cfg.Log))
	require.NoError(t, err)
	task, err := svc.Sync(context.Background(), core.SyncRequest{Engine: core.EngineRegistry,
		Source: core.Endpoint{Image: srcRef},
		Target: core.Endpoint{Engine: core.EngineACR, Region: "cn-hangzhou", Instance: instance, Namespace: "newns", Repository: "app"}})
	require.NoError(t, err)
	assert.Equal(t, core.StatusSuccess, task.Status)
	assert.True(t, emu.HasRepository(instance, "newns", "app"))
	assert.Len(t, emu.Calls("CreateNamespace"), 1)
}

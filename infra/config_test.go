package infra_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/imagesync/imagesync/infra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func write(t *testing.T, s string) string {
	p := filepath.Join(t.TempDir(), "imagesync.yaml")
	require.NoError(t, os.WriteFile(p, []byte(s), 0o600))
	return p
}

func TestLoadDefaults(t *testing.T) {
	cfg, err := infra.Load("", env(nil))
	require.NoError(t, err)
	svc, err := infra.Build(cfg, infra.NewLogger(os.Stderr, cfg.Log))
	require.NoError(t, err)
	assert.Equal(t, []string{"registry"}, svc.Engines())
}

func TestLoadRefusesUnknownKeysAndListsProblems(t *testing.T) {
	_, err := infra.Load(write(t, "log:\n  level: loud\nregistyr: {}\n"), env(nil))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "registyr")

	_, err = infra.Load(write(t, "log:\n  level: loud\n  format: xml\nregistry:\n  jobs: 99\n"), env(map[string]string{"IMAGESYNC_HISTORY": "x"}))
	require.Error(t, err)
	for _, want := range []string{"log.level", "log.format", "registry.jobs", "IMAGESYNC_HISTORY"} {
		assert.Contains(t, err.Error(), want)
	}
}

func TestBuildNeedsAnEngine(t *testing.T) {
	cfg, err := infra.Load(write(t, "registry:\n  disabled: true\n"), env(nil))
	require.NoError(t, err)
	_, err = infra.Build(cfg, infra.NewLogger(os.Stderr, cfg.Log))
	require.ErrorContains(t, err, "no engine")
}

func TestLoadTriggers(t *testing.T) {
	cfg, err := infra.Load(write(t, `
onPush:
  - name: mirror
    match: {registry: "127.0.0.1:*", repository: "team/**"}
    targets:
      - image: "mirror.example.com/${path}:${tag}"
        override: true
jobs:
  - name: nightly
    schedule: "0 3 * * *"
    sources: [docker.io/library/alpine]
    tags: {semver: ">=3.18", latest: 3}
    targets: [{image: "mirror.example.com/library/alpine"}]
`), env(nil))
	require.NoError(t, err)
	assert.Len(t, cfg.OnPush, 1)
	assert.True(t, cfg.OnPush[0].Targets[0].Override)
	assert.Equal(t, 3, cfg.Jobs[0].Tags.Latest)

	_, err = infra.Load(write(t, `
onPush:
  - name: mirror
    match: {repository: "team/**", tagz: x}
    targets: [{image: "mirror.example.com/${bogus}"}]
jobs:
  - name: nightly
    sources: ["Bad/Name"]
    targets: []
`), env(nil))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "onPush[0].match.tagz: unknown key")
	_, err = infra.Load(write(t, `
onPush:
  - name: mirror
    targets: [{image: "mirror.example.com/${bogus}"}]
jobs:
  - name: nightly
    sources: ["Bad/Name"]
`), env(nil))
	require.Error(t, err)
	for _, want := range []string{"onPush[0].targets[0]", "jobs[0].sources[0]", "jobs[0].targets"} {
		assert.Contains(t, err.Error(), want)
	}
}

func TestLoadACR(t *testing.T) {
	cfg, err := infra.Load(write(t, "acr:\n  region: cn-hangzhou\n  connectTimeout: 3s\n  endpoint: http://127.0.0.1:1\n"), env(nil))
	require.NoError(t, err)
	assert.Equal(t, "3s", cfg.ACR.ConnectTimeout.String())
	svc, err := infra.Build(cfg, infra.NewLogger(os.Stderr, cfg.Log))
	require.NoError(t, err)
	assert.Equal(t, []string{"registry", "acr"}, svc.Engines())

	_, err = infra.Load(write(t, "acr:\n  connectTimeout: soon\n"), env(nil))
	require.ErrorContains(t, err, "acr.connectTimeout")
}

func TestLoadHuaweiEngines(t *testing.T) {
	cfg, err := infra.Load(write(t, `
swr: {region: cn-north-4, projectId: p1, endpoint: "http://127.0.0.1:1"}
hss: {region: cn-north-4, projectId: p1, all: true, endpoint: "http://127.0.0.1:1"}
`), env(nil))
	require.NoError(t, err)
	t.Setenv("CLOUD_SDK_AK", "ak")
	t.Setenv("CLOUD_SDK_SK", "sk")
	svc, err := infra.Build(cfg, infra.NewLogger(os.Stderr, cfg.Log))
	require.NoError(t, err)
	assert.Equal(t, []string{"registry", "swr", "hss"}, svc.Engines())
}

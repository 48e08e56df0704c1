package infra_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/imagesync/imagesync/infra"
	"github.com/imagesync/imagesync/infra/compat"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLoadTranslated loads the configurations quoted from regsync's and
// image-syncer's documentation that imagesync runs: each loads as it is
// (detected by its shape), and the YAML convert prints from it loads, as
// imagesync's own, into the same configuration.
func TestLoadTranslated(t *testing.T) {
	getenv := env(map[string]string{"HUB_USER": "hubuser"})
	for _, name := range []string{"regsync/examples-regsync.yml", "regsync/quickstart.yml", "regsync/testdata-config2.yml",
		"image-syncer/readme-images.yaml", "image-syncer/examples-images.json"} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("compat", "testdata", name)
			cfg, err := infra.Load(path, getenv)
			require.NoError(t, err)
			require.NotNil(t, cfg.Translated)
			assert.NotEmpty(t, cfg.Jobs)

			raw, err := os.ReadFile(path)
			require.NoError(t, err)
			format, err := infra.ConfigFormat(raw, "")
			require.NoError(t, err)
			tr, err := compat.Translate(raw, format, compat.Options{Getenv: getenv})
			require.NoError(t, err)
			out, err := tr.YAML()
			require.NoError(t, err)
			native, err := infra.Load(write(t, string(out)), getenv)
			require.NoError(t, err, string(out))
			assert.Nil(t, native.Translated, "the converted file is imagesync's own")
			cfg.Translated = nil
			assert.Equal(t, cfg, native)
		})
	}
}

// A problem the translation leaves to imagesync's own checks (here a
// platform) is named by the regsync path it came from, and by imagesync's.
func TestLoadTranslatedRelabels(t *testing.T) {
	_, err := infra.Load(write(t, `
sync:
  - {source: r.io/a, target: m.io/a, type: repository}
  - {source: r.io/b, target: m.io/b, type: repository, platform: linux}
`), env(nil))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "sync[1].platform (jobs[1].platforms)")
}

// --config-format (IMAGESYNC_CONFIG_FORMAT) names the dialect: a regsync
// file read as imagesync's is refused key by key.
func TestLoadConfigFormat(t *testing.T) {
	path := write(t, "version: 1\nsync: []\n")
	_, err := infra.Load(path, env(map[string]string{"IMAGESYNC_CONFIG_FORMAT": "imagesync"}))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "sync: unknown key")
	_, err = infra.Load(path, env(map[string]string{"IMAGESYNC_CONFIG_FORMAT": "regsync"}))
	require.NoError(t, err)
	_, err = infra.Load(path, env(map[string]string{"IMAGESYNC_CONFIG_FORMAT": "skopeo"}))
	assert.ErrorContains(t, err, "want imagesync, regsync or image-syncer")
}

// The hosts a configuration names (check's logins) read regsync's short
// Docker Hub names as docker.io's.
func TestHostsOfShortNames(t *testing.T) {
	cfg, err := infra.Load(write(t, `
sync:
  - {source: busybox:latest, target: m.io/library/busybox:latest, type: image}
  - {source: alpine, target: "m.io/{{.Sync.Source}}", type: repository}
  - {source: r.io, target: m.io/mirror, type: registry}
`), env(nil))
	require.NoError(t, err)
	assert.Equal(t, []string{"docker.io", "m.io", "r.io"}, cfg.Hosts())
}

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

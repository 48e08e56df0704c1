package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/imagesync/imagesync/functions/platform/platformtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMakeBuildConfig: make build-aliyun CONFIG=... gives the same bytes
// for the same configuration; without CONFIG the zip holds none; with a
// configuration the functions cannot run, make lists every problem, exits
// 2 and makes no zip.
func TestMakeBuildConfig(t *testing.T) {
	made := func(config string) []byte {
		a := platformtest.Artifact{Target: "build-aliyun", Zip: "aliyun/imagesync-aliyun.zip", Config: config}
		t.Cleanup(a.Remove)
		b, err := os.ReadFile(a.ZipPath(t))
		require.NoError(t, err)
		return b
	}
	first, err := os.ReadFile(artifact.ZipPath(t))
	require.NoError(t, err)
	assert.True(t, bytes.Equal(first, made(deploy.Config())), "the same configuration, the same zip")
	assert.FileExists(t, filepath.Join(artifact.Dir(t), "imagesync.yaml"))
	bare := platformtest.Artifact{Target: "build-aliyun", Zip: "aliyun/imagesync-aliyun.zip"}
	t.Cleanup(bare.Remove)
	assert.NoFileExists(t, filepath.Join(bare.Dir(t), "imagesync.yaml"), "no CONFIG, no configuration")

	root, err := platformtest.RepoRoot()
	require.NoError(t, err)
	dist := t.TempDir()
	bad := filepath.Join(dist, "bad.yaml")
	require.NoError(t, os.WriteFile(bad, []byte(`jobs:
  - {name: a, schedule: banana, sources: [x.io/a], targets: [{image: y.io/a}]}
  - {name: b, schedule: "@every 10s", sources: [x.io/b], targets: [{image: y.io/b}]}
registyr: {}
`), 0o644))
	cmd := exec.Command("make", "-C", root, "--no-print-directory", "build-aliyun", "DIST="+dist, "CONFIG="+bad)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, "%s", out)
	assert.Equal(t, 2, exit.ExitCode(), "%s", out)
	for _, want := range []string{"registyr: unknown key", "jobs[0].schedule", "no artifact made"} {
		assert.Contains(t, string(out), want)
	}
	assert.NoFileExists(t, filepath.Join(dist, "aliyun", "imagesync-aliyun.zip"))
}

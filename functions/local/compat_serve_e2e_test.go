package main

import (
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// serve --config reads a regsync file as it is: a tick on the API runs
// its syncs, as the jobs sync-0 and sync-1.
func TestServeRegsyncConfig(t *testing.T) {
	src, dst := registrytest.Distribution(t, ""), registrytest.Distribution(t, "")
	seeded := seed(t, src, nil, map[string][]string{"team/app": {"v1", "v2", "dev"}})
	cfg := writeConfig(t, t.TempDir(), "regsync.yml", `version: 1
creds:
  - {registry: SRC, tls: disabled}
  - {registry: DST, tls: disabled}
defaults: {interval: 1h}
sync:
  - {source: SRC/team/app, target: DST/team/app, type: repository, tags: {allow: ["v.*"]}}
  - {source: SRC/team/app:dev, target: DST/team/dev, type: image}
`, "SRC", src, "DST", dst)
	addr := registrytest.FreeAddr(t)
	cmd := exec.Command(buildBinary(t), "serve", "--addr", addr, "--config", cfg)
	cmd.Env = []string{"HOME=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}
	cmd.Stderr = os.Stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	registrytest.WaitHTTP(t, "http://"+addr+"/healthz")

	res, err := http.Post("http://"+addr+"/v1/ticks", "application/json", strings.NewReader(`{"jobs": ["sync-0", "sync-1"]}`))
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	assert.Equal(t, map[string]string{"team/app:v1": seeded["team/app:v1"], "team/app:v2": seeded["team/app:v2"],
		"team/dev:latest": seeded["team/app:dev"]}, targets(t, dst, nil, "team/app", "team/dev"))
}

// --config-format names the dialect: the same regsync file read as
// imagesync's is refused key by key (exit 2); convert prints the YAML that
// once then runs as imagesync's own.
func TestConfigFormatFlagAndConvert(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "regsync.yml")
	require.NoError(t, os.WriteFile(cfg, []byte("version: 1\nsync: [{source: r.io/a, target: m.io/a, type: repository}]\n"), 0o600))
	code, _, stderr := runIn("once", "--config", cfg, "--config-format", "imagesync", "--dry-run")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "sync: unknown key")
	code, _, stderr = runIn("once", "--config", cfg, "--config-format", "skopeo")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "want imagesync, regsync or image-syncer")

	code, out, stderr := runIn("convert", cfg)
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "name: sync-0")
	code, _, stderr = runIn("convert", "--from", "image-syncer", cfg)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "sync[0]: must be a string", "read as image-syncer's, what does not fit is refused by its path")
}

// check reads regsync's own example as it is, and the imagesync YAML that
// convert prints of it, to the same jobs.
func TestCheckRegsyncExample(t *testing.T) {
	example := "../../infra/compat/testdata/regsync/examples-regsync.yml"
	env := func(k string) string { return map[string]string{"HUB_USER": "hubuser"}[k] }
	var out, errOut strings.Builder
	require.Equal(t, 0, run(context.Background(), []string{"check", "--config", example}, &out, &errOut, env), errOut.String())
	assert.Contains(t, out.String(), "translated from regsync's configuration")
	assert.Contains(t, out.String(), "note: defaults.ratelimit:")
	jobs := jobLines(out.String())
	assert.Len(t, jobs, 4)

	out.Reset()
	require.Equal(t, 0, run(context.Background(), []string{"convert", example}, &out, &errOut, env), errOut.String())
	converted := filepath.Join(t.TempDir(), "imagesync.yaml")
	require.NoError(t, os.WriteFile(converted, []byte(out.String()), 0o600))
	out.Reset()
	require.Equal(t, 0, run(context.Background(), []string{"check", "--config", converted}, &out, &errOut, env), errOut.String())
	assert.NotContains(t, out.String(), "translated from")
	assert.Equal(t, jobs, jobLines(out.String()), "the same jobs")
}

// jobLines are the job lines of check's plan.
func jobLines(plan string) []string {
	var out []string
	for _, l := range strings.Split(plan, "\n") {
		if strings.HasPrefix(l, "  sync-") {
			out = append(out, l)
		}
	}
	return out
}

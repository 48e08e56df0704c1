package main

import (
	"encoding/json"
	"os/exec"
	"testing"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// `sync --prune --dry-run` plans exactly what `sync --prune` then does, on
// real docker-registry processes: a tag gone from the source is pruned in
// both; one sharing its digest with a tag the source still has, and two
// gone tags sharing one digest, are kept in both, saying why. Before, the
// dry run listed every gone tag as pruned.
func TestPruneDryRunPlansWhatTheRunDoes(t *testing.T) {
	src, dst := registrytest.Distribution(t, ""), registrytest.Distribution(t, "")
	bin := buildBinary(t)
	repo, mirror := src+"/team/app", dst+"/mirror/app"
	for _, tag := range []string{"v1", "v2"} {
		registrytest.PushIndex(t, repo+":"+tag, 512, 1, 1)
	}
	cli := func(args ...string) core.JobOutcome {
		t.Helper()
		cmd := exec.Command(bin, append([]string{"sync", repo, mirror, "--all-tags", "--prune", "--progress=false"}, args...)...)
		out, err := cmd.Output()
		require.NoError(t, err, "%s", out)
		var jo core.JobOutcome
		require.NoError(t, json.Unmarshal(out, &jo), "%s", out)
		return jo
	}
	first := cli()
	require.Equal(t, 2, first.Copied)

	registrytest.Copy(t, mirror+":v1", mirror+":v1-pinned")  // gone from the source, shares v1's digest
	registrytest.PushIndex(t, mirror+":old", 512, 1, 1)      // gone from the source, alone
	registrytest.PushIndex(t, mirror+":twin-a", 512, 1, 1)   // gone from the source,
	registrytest.Copy(t, mirror+":twin-a", mirror+":twin-b") // and sharing with another gone tag

	dry := cli("--dry-run")
	require.NotEmpty(t, registrytest.Digest(t, mirror+":old"), "a dry run deletes nothing")
	real := cli()

	assert.Equal(t, []string{mirror + ":old"}, real.Pruned)
	assert.Equal(t, real.Pruned, dry.Pruned, "the dry run pruned what the run pruned")
	kept := func(jo core.JobOutcome) map[string]string {
		m := map[string]string{}
		for _, f := range jo.NotPruned {
			m[f.Target.Image] = f.Kind
		}
		return m
	}
	want := map[string]string{mirror + ":v1-pinned": "conflict", mirror + ":twin-a": "conflict", mirror + ":twin-b": "conflict"}
	assert.Equal(t, want, kept(real))
	assert.Equal(t, want, kept(dry), "and kept what the run kept")
	assert.Empty(t, registrytest.Digest(t, mirror+":old"))
	for _, tag := range []string{"v1", "v2", "v1-pinned", "twin-a", "twin-b"} {
		assert.NotEmpty(t, registrytest.Digest(t, mirror+":"+tag), tag)
	}
}

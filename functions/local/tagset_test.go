package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tagSetFixture pushes v1.0.0, v1.2.0, v2.0.0 and dev to src and returns
// their digests.
func tagSetFixture(t *testing.T, src string) map[string]string {
	d := map[string]string{}
	for _, tag := range []string{"v1.0.0", "v1.2.0", "v2.0.0", "dev"} {
		d[tag] = registrytest.PushIndex(t, src+"/team/app:"+tag, 512, 1, 1)
	}
	return d
}

func runCLI(t *testing.T, args ...string) (int, core.JobOutcome, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, &out, &errOut, noenv)
	var jo core.JobOutcome
	if out.Len() > 0 {
		require.NoError(t, json.Unmarshal(out.Bytes(), &jo), out.String())
	}
	return code, jo, errOut.String()
}

func TestSyncTagSetFiltersSkipsAndPrunes(t *testing.T) {
	// The target is docker-registry: go-containerregistry's in-memory
	// registry keeps a tag when its manifest is deleted by digest.
	src, dst := registrytest.InMemory(t), registrytest.Distribution(t, "")
	d := tagSetFixture(t, src)
	repo, mirror := src+"/team/app", dst+"/mirror/app"

	code, out, stderr := runCLI(t, "sync", repo, mirror, "--semver", ">=1.1 <2", "--progress=false")
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, 1, out.Copied)
	assert.Equal(t, d["v1.2.0"], registrytest.Digest(t, mirror+":v1.2.0"))
	assert.Empty(t, registrytest.Digest(t, mirror+":v1.0.0"), "outside the range")
	assert.Contains(t, stderr, "sync: copied 1, skipped 0, failed 0")

	code, out, stderr = runCLI(t, "sync", repo, mirror, "--all-tags", "--exclude", "dev", "--concurrency", "8")
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, 2, out.Copied)
	assert.Equal(t, 1, out.Skipped, "v1.2.0 is in place")
	assert.Empty(t, registrytest.Digest(t, mirror+":dev"), "excluded")

	// A tag the source no longer has, and one the filter does not cover.
	registrytest.PushIndex(t, mirror+":v0.9.0", 512, 1, 1)
	registrytest.PushIndex(t, mirror+":local", 512, 1, 1)
	v3 := registrytest.PushIndex(t, repo+":v3.0.0", 512, 1, 1)
	code, out, stderr = runCLI(t, "sync", repo, mirror, "--include", `v.*`, "--prune", "--dry-run")
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, []string{mirror + ":v0.9.0"}, out.Pruned)
	require.Len(t, out.Planned, 1, "the dry run compares both sides: only v3.0.0 would move")
	assert.Equal(t, v3, out.Planned[0].Digest)
	assert.Positive(t, out.Planned[0].Bytes)
	assert.Equal(t, 3, out.Skipped)
	assert.NotEmpty(t, registrytest.Digest(t, mirror+":v0.9.0"), "a dry run deletes nothing")
	assert.Empty(t, registrytest.Digest(t, mirror+":v3.0.0"), "nor copies")

	code, out, stderr = runCLI(t, "sync", repo, mirror, "--include", `v.*`, "--prune")
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, []string{mirror + ":v0.9.0"}, out.Pruned)
	assert.Equal(t, 3, out.Skipped)
	assert.Equal(t, 1, out.Copied)
	assert.Empty(t, registrytest.Digest(t, mirror+":v0.9.0"))
	assert.NotEmpty(t, registrytest.Digest(t, mirror+":local"), "outside the filter: kept")
}

func TestSyncTagSetFailuresDoNotStopTheRest(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	d := tagSetFixture(t, src)
	mirror := dst + "/mirror/app"
	registrytest.PushIndex(t, mirror+":v1.0.0", 512, 1, 1) // another image: a conflict without --override

	code, out, stderr := runCLI(t, "sync", src+"/team/app", mirror, "--include", `v.*`)
	assert.Equal(t, 1, code, "a failed tag fails the command")
	require.Len(t, out.Failed, 1)
	assert.Equal(t, "conflict", out.Failed[0].Kind)
	assert.Equal(t, 2, out.Copied, "the other tags are copied")
	assert.Contains(t, stderr, "failed 1")
	assert.Equal(t, d["v2.0.0"], registrytest.Digest(t, mirror+":v2.0.0"))

	code, _, stderr = runCLI(t, "sync", src+"/team/app", mirror, "--include", `v.*`, "--override")
	assert.Equal(t, 0, code, stderr)
	assert.Equal(t, d["v1.0.0"], registrytest.Digest(t, mirror+":v1.0.0"))
}

func TestSyncTagSetUsage(t *testing.T) {
	for _, args := range [][]string{
		{"sync", "r.io/a:v1", "s.io/a", "--prune"},      // prune needs a tag set
		{"sync", "r.io/a:v1", "s.io/a", "--all-tags"},   // a tag set names repositories
		{"sync", "r.io/a", "s.io/a", "--include", "("},  // a bad regexp
		{"sync", "r.io/a", "s.io/a", "--semver", "~>1"}, // a bad range
		{"sync", "r.io/a", "s.io/a", "--all-tags", "--concurrency", "99"},
		{"sync", "r.io/a", "s.io/a:v1", "--all-tags"},      // every tag onto one
		{"sync", "r.io/a", "s.io/a:v1", "--semver", ">=1"}, // the same
		{"sync", "r.io/a", "s.io/a:v1", "--latest", "2"},   // the same
		{"once"}, // no config
		{"once", "extra"},
	} {
		code, _, stderr := runCLI(t, args...)
		assert.Equal(t, 2, code, "%v: %s", args, stderr)
	}
}

func TestOnceRunsTheConfiguredJobs(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	d := tagSetFixture(t, src)
	cfg := filepath.Join(t.TempDir(), "imagesync.yaml")
	yml := "jobs:\n" +
		"  - {name: stable, sources: [" + src + "/team/app], tags: {semver: \">=1\", latest: 2}, targets: [{image: \"" + dst + "/stable/${name}\"}]}\n" +
		"  - {name: dev, sources: [" + src + "/team/app], tags: {include: [dev]}, targets: [{image: \"" + dst + "/dev/app\"}]}\n"
	require.NoError(t, os.WriteFile(cfg, []byte(yml), 0o600))

	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"once", "--config", cfg, "--job", "stable"}, &out, &errOut, noenv)
	require.Equal(t, 0, code, errOut.String())
	var tick core.TickOutcome
	require.NoError(t, json.Unmarshal(out.Bytes(), &tick))
	require.Len(t, tick.Jobs, 1)
	assert.Equal(t, 2, tick.Jobs[0].Copied)
	assert.Equal(t, d["v2.0.0"], registrytest.Digest(t, dst+"/stable/app:v2.0.0"))
	assert.Empty(t, registrytest.Digest(t, dst+"/dev/app:dev"), "only the named job ran")

	out.Reset()
	code = run(context.Background(), []string{"once", "--config", cfg}, &out, &errOut, noenv)
	require.Equal(t, 0, code, errOut.String())
	require.NoError(t, json.Unmarshal(out.Bytes(), &tick))
	require.Len(t, tick.Jobs, 2)
	assert.Equal(t, 2, tick.Jobs[0].Skipped)
	assert.Equal(t, d["dev"], registrytest.Digest(t, dst+"/dev/app:dev"))

	errOut.Reset()
	assert.Equal(t, 2, run(context.Background(), []string{"once", "--config", cfg, "--job", "nope"}, &out, &errOut, noenv), "an unknown job is bad input")
	assert.Contains(t, errOut.String(), "--job nope: no such job (the configuration has: stable, dev)")
}

func TestSyncTagSetOfAMissingRepositoryFails(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	code, out, stderr := runCLI(t, "sync", src+"/no/such", dst+"/mirror/app", "--all-tags")
	assert.Equal(t, 1, code, stderr)
	assert.Equal(t, []string{src + "/no/such"}, out.Unlisted)
	assert.Contains(t, stderr, "note: source "+src+"/no/such: listing tags")

	code, _, stderr = runCLI(t, "sync", src+"/team/app", dst+"/mirror/app")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "add --all-tags or a filter")
}

func TestSyncTagSetPushOrder(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	tagSetFixture(t, src)
	code, _, stderr := runCLI(t, "sync", src+"/team/app", dst+"/app", "--latest", "1", "--order", "newest")
	assert.Equal(t, 2, code, stderr)
	assert.Contains(t, stderr, "tags.order")

	// A plain registry does not tell when tags were pushed: nothing is
	// synced, and the command says why.
	code, out, stderr := runCLI(t, "sync", src+"/team/app", dst+"/app", "--latest", "1", "--order", "pushed")
	assert.Equal(t, 1, code, stderr)
	assert.Equal(t, []string{src + "/team/app"}, out.Unlisted)
	assert.Contains(t, stderr, "does not tell when tags were pushed")
}

// --prune owns DST as the engine names it, whatever spelling the user gave.
func TestPruneOwnsTheNormalisedTarget(t *testing.T) {
	assert.Equal(t, "docker.io/someone/app", owned("someone/app"))
	assert.Equal(t, "docker.io/library/alpine", owned("alpine"))
	assert.Equal(t, "127.0.0.1:5000/mirror/app", owned("127.0.0.1:5000/mirror/app"))
	assert.Equal(t, "mirror.io/${path}", owned("mirror.io/${path}"), "a template is kept as given")
}

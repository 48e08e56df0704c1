package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// once runs `imagesync once --config` on yml and returns the tick's outcome.
func once(t *testing.T, yml string) core.TickOutcome {
	t.Helper()
	cfg := filepath.Join(t.TempDir(), "imagesync.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte(yml), 0o600))
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"once", "--config", cfg}, &out, &errOut, noenv)
	require.Equal(t, 0, code, errOut.String())
	var tick core.TickOutcome
	require.NoError(t, json.Unmarshal(out.Bytes(), &tick), out.String())
	return tick
}

func paths(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s/app%03d", prefix, i)
	}
	return out
}

// A job whose source is team/** copies every repository under team/ and
// nothing else, the tree kept; the source's catalog is paged 10 at a time
// (docker-registry capped at 10 refuses n=1000, so the engine pages at the
// registry's own size and follows every Link: 135 repositories are
// fourteen pages). A second tick copies nothing. The target is the
// in-memory registry: what is proved here is the source's enumeration.
func TestOnceMirrorsANamespace(t *testing.T) {
	src := registrytest.Distribution(t, "catalog:\n  maxentries: 10\n")
	dst := registrytest.InMemory(t)
	team := paths("team", 130)
	digest := registrytest.PushTree(t, src, "v1", append(team, paths("other", 5)...)...)

	yml := "jobs:\n  - name: team\n    sources: [\"" + src + "/team/**\"]\n" +
		"    targets: [{image: \"" + dst + "/mirror/${path}\"}]\n"
	tick := once(t, yml)
	require.Len(t, tick.Jobs, 1)
	job := tick.Jobs[0]
	assert.Equal(t, 130, job.Copied, "notes: %v failed: %v", job.Notes, job.Failed)
	assert.Empty(t, job.Failed)
	for _, p := range []string{"team/app000", "team/app064", "team/app129"} {
		assert.Equal(t, digest, registrytest.Digest(t, dst+"/mirror/"+p+":v1"), p)
	}
	assert.Empty(t, registrytest.Digest(t, dst+"/mirror/other/app000:v1"), "other/ is not under team/")

	tick = once(t, yml)
	assert.Equal(t, 0, tick.Jobs[0].Copied)
	assert.Equal(t, 130, tick.Jobs[0].Skipped, "a second tick is a no-op")
}

// exclude leaves repositories out; a push rule with catchUp copies on a
// tick what its pushes would have, through the same enumeration.
func TestOnceExcludesAndCatchesUp(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	registrytest.PushTree(t, src, "v1", "team/app", "team/legacy/old", "team/sub/tool", "other/app")
	yml := "onPush:\n  - name: team-to-dr\n    catchUp: true\n" +
		"    match: {registry: \"" + src + "\", repository: \"team/*\", tags: {include: [\"v.*\"]}}\n" +
		"    targets: [{image: \"" + dst + "/dr/${path}:${tag}\"}]\n" +
		"jobs:\n  - name: team\n    sources: [\"" + src + "/**\"]\n    exclude: [\"team/legacy/**\", \"" + src + "/other/*\"]\n" +
		"    targets: [{image: \"" + dst + "/mirror/${path}\"}]\n"
	tick := once(t, yml)
	require.Len(t, tick.Jobs, 2)
	assert.Equal(t, 2, tick.Jobs[0].Copied, "team/app and team/sub/tool")
	assert.NotEmpty(t, registrytest.Digest(t, dst+"/mirror/team/sub/tool:v1"))
	assert.Empty(t, registrytest.Digest(t, dst+"/mirror/team/legacy/old:v1"))
	assert.Empty(t, registrytest.Digest(t, dst+"/mirror/other/app:v1"))

	up := tick.Jobs[1]
	assert.Equal(t, "onPush/team-to-dr", up.Name)
	assert.Equal(t, 1, up.Copied, "team/* matches team/app only")
	assert.NotEmpty(t, registrytest.Digest(t, dst+"/dr/team/app:v1"))

	tick = once(t, yml)
	assert.Equal(t, 1, tick.Jobs[1].Skipped)
	assert.Zero(t, tick.Jobs[0].Copied+tick.Jobs[1].Copied, strings.Join(tick.Jobs[0].Notes, "\n"))
}

package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hubRepos stand for the Docker Hub and ghcr.io repositories of regsync's
// example configuration.
var hubRepos = map[string][]string{
	"library/busybox":  {"latest", "1.36"},
	"library/alpine":   {"latest", "3", "3.18", "3.19", "3.19.1", "3x1", "edge", "2.7"},
	"library/debian":   {"11", "12", "12.5", "bookworm", "latest"},
	"regclient/regctl": {"latest", "v0.11.7"},
}

// TestRegsyncExampleSameTargets runs regsync's own example configuration
// (docs/examples/regsync.yml, v0.11.7, in infra/compat/testdata) with
// regsync once and with imagesync once, unchanged but for the hosts: its
// Docker Hub and ghcr.io sources are one htpasswd docker-registry logged in
// to as the example says ({{env "HUB_USER"}}, {{file "…hub_token"}}, plus
// tls: disabled, this registry being plain HTTP on loopback), its
// registry:5000 target one docker-registry per tool. Both targets hold the
// same tags with the same digests; after the sources move, both again,
// with the replaced tags kept as bkup-<tag> (the example's backup).
func TestRegsyncExampleSameTargets(t *testing.T) {
	regsync := regsyncBinary(t)
	const user, pass = "hubuser", "hub-s3cret"
	src := registrytest.DistributionBasicAuth(t, user, pass, "")
	hub := basic(&authn.Basic{Username: user, Password: pass})
	seeded := seed(t, src, hub, hubRepos)
	bin := buildBinary(t)
	dir := t.TempDir()
	token := filepath.Join(dir, "hub_token")
	require.NoError(t, os.WriteFile(token, []byte(pass+"\n"), 0o600))
	example, err := os.ReadFile("../../infra/compat/testdata/regsync/examples-regsync.yml")
	require.NoError(t, err)

	dsts := map[string]string{"regsync": registrytest.Distribution(t, ""), "imagesync": registrytest.Distribution(t, "")}
	cfgs := map[string]string{}
	for tool, dst := range dsts {
		cfgs[tool] = writeConfig(t, dir, tool+".yml", string(example),
			"registry:5000", dst,
			"registry: docker.io", "registry: "+src+"\n    tls: disabled",
			"source: busybox:latest", "source: "+src+"/library/busybox:latest",
			"source: alpine", "source: "+src+"/library/alpine",
			"source: debian", "source: "+src+"/library/debian",
			"source: ghcr.io/regclient/regctl:latest", "source: "+src+"/regclient/regctl:latest",
			"/home/appuser/.docker/hub_token", token)
	}
	env := []string{"HUB_USER=" + user}
	repos := []string{"library/busybox", "library/alpine", "library/debian", "regclient/regctl"}
	run := func() map[string]map[string]string {
		runTool(t, regsync, env, "once", "-c", cfgs["regsync"], "-v", "warn")
		runTool(t, bin, append(env, "IMAGESYNC_LOG_LEVEL=warn"), "once", "--config", cfgs["imagesync"], "--output", "json")
		out := map[string]map[string]string{}
		for tool, dst := range dsts {
			out[tool] = targets(t, dst, nil, repos...)
		}
		return out
	}

	got := run()
	assert.Equal(t, got["regsync"], got["imagesync"], "the same tags, with the same digests")
	assert.Equal(t, []string{"library/alpine:3", "library/alpine:3.18", "library/alpine:3.19", "library/alpine:3x1",
		"library/alpine:latest", "library/busybox:latest", "library/debian:11", "library/debian:12",
		"regclient/regctl:latest"}, keys(got["imagesync"]))
	for ref, d := range got["imagesync"] {
		assert.Equal(t, seeded[ref], d, ref)
	}

	moved := map[string]string{}
	for _, ref := range []string{"library/alpine:3", "library/busybox:latest"} {
		moved[ref] = pushImage(t, src+"/"+ref, hub, true)
	}
	got = run()
	assert.Equal(t, got["regsync"], got["imagesync"], "the same tags after the sources moved, backups included")
	assert.Equal(t, moved["library/alpine:3"], got["imagesync"]["library/alpine:3"])
	assert.Equal(t, seeded["library/alpine:3"], got["imagesync"]["library/alpine:bkup-3"], "the replaced digest, kept")
	assert.Equal(t, seeded["library/busybox:latest"], got["imagesync"]["library/busybox:bkup-latest"])
}

// TestRegsyncFiltersSameTargets runs a configuration of the regsync
// features whose meaning is easy to get wrong with regsync once and with
// imagesync once: allow patterns regsync anchors as ^p$ without grouping
// ("latest|3" also selects "13" and "latest-rc"), deny, the union of tags
// and tagSets, an image pinned by digest to another tag, a target written
// with a template, a whole registry (type: registry, its repositories
// chosen by repos.allow and repos.deny), and a target registry logged in to
// through a docker credential helper (credHelper), and a source held to
// request limits (reqPerSec, reqConcurrent). The targets are the same.
func TestRegsyncFiltersSameTargets(t *testing.T) {
	regsync := regsyncBinary(t)
	src := registrytest.Distribution(t, "")
	seeded := seed(t, src, nil, map[string][]string{
		"team/app": {"latest", "latest-rc", "3", "13", "v1.0.1", "v1.2", "v1.10", "edge", "1.5", "x"}})
	whole := registrytest.Distribution(t, "")
	seed(t, whole, nil, map[string][]string{"team/a": {"v1", "v2"}, "team/b": {"v1"}, "team": {"v1"},
		"team/sub/c": {"v1"}, "other/c": {"v1"}, "skip/d": {"v1"}})
	const user, pass = "robot", "dst-s3cret"
	dsts := map[string]string{"regsync": registrytest.DistributionBasicAuth(t, user, pass, ""),
		"imagesync": registrytest.DistributionBasicAuth(t, user, pass, "")}
	dir := t.TempDir()
	helper := fakeCredHelper(t, dir, user, pass, dsts["regsync"], dsts["imagesync"])
	bin := buildBinary(t)
	config := `version: 1
creds:
  - {registry: SRC, tls: disabled, reqPerSec: 50, reqConcurrent: 2}
  - {registry: WHOLE, tls: disabled}
  - {registry: DST, tls: disabled, credHelper: docker-credential-e2e}
  - {registry: "src.alias.test:5000", hostname: SRC, tls: disabled}
sync:
  - source: SRC/team/app
    target: DST/team/app
    type: repository
    tags:
      allow: ["latest|3", "v1\\..*"]
      deny: ["v1\\.0.*"]
    tagSets:
      - allow: [edge]
      - deny: ["v.*", latest, "3.*", edge, "1.*"]
  - source: SRC/team/app@DIGEST
    target: DST/pinned/app:stable
    type: image
  - source: SRC/team/app:v1.2
    target: 'DST/copy/{{ .Sync.Type }}:v1.2'
    type: image
  - source: WHOLE
    target: DST/mirror
    type: registry
    repos: {allow: ["team/.*", other/c], deny: [team/b]}
    tags: {allow: [v1]}
  - source: SRC/team/app
    target: 'DST/split/{{ index (split .Sync.Source "/team/") 1 }}'
    type: repository
    tags: {allow: ["v1\\.10"]}
  - source: src.alias.test:5000/team/app
    target: DST/alias/app
    type: repository
    tags: {allow: [edge]}
`
	repos := []string{"team/app", "pinned/app", "copy/image", "mirror/team/a", "mirror/team/b", "mirror/team",
		"mirror/team/sub/c", "mirror/other/c", "mirror/skip/d", "split/app", "alias/app"}
	got := map[string]map[string]string{}
	for tool, dst := range dsts {
		cfg := writeConfig(t, dir, tool+".yml", config, "SRC", src, "WHOLE", whole, "DST", dst, "DIGEST", seeded["team/app:x"])
		env := []string{"PATH=" + helper + string(os.PathListSeparator) + os.Getenv("PATH")}
		if tool == "regsync" {
			runTool(t, regsync, env, "once", "-c", cfg, "-v", "warn")
		} else {
			runTool(t, bin, append(env, "IMAGESYNC_LOG_LEVEL=warn"), "once", "--config", cfg, "--output", "json")
		}
		got[tool] = targets(t, dst, &authn.Basic{Username: user, Password: pass}, repos...)
	}
	assert.Equal(t, got["regsync"], got["imagesync"])
	assert.Equal(t, []string{"alias/app:edge", "copy/image:v1.2", "mirror/other/c:v1", "mirror/team/a:v1", "mirror/team/sub/c:v1",
		"pinned/app:stable", "split/app:v1.10", "team/app:13", "team/app:3", "team/app:edge",
		"team/app:latest", "team/app:latest-rc", "team/app:v1.10", "team/app:v1.2", "team/app:x"}, keys(got["imagesync"]))
	assert.Equal(t, seeded["team/app:x"], got["imagesync"]["pinned/app:stable"])
}

// fakeCredHelper writes docker-credential-e2e into a folder of its own
// (returned, to put on PATH): it gives user:pass for the hosts named, as
// docker's helpers do (`get`, the server URL on stdin, JSON on stdout).
func fakeCredHelper(t *testing.T, dir, user, pass string, hosts ...string) string {
	t.Helper()
	bin := filepath.Join(dir, "helper")
	require.NoError(t, os.MkdirAll(bin, 0o755))
	script := "#!/bin/sh\nread -r server\ncase \"$server\" in\n"
	for _, h := range hosts {
		script += "  " + h + "|http://" + h + "|https://" + h + ") ;;\n"
	}
	script += "  *) echo \"credentials not found in native keychain\" >&2; exit 1;;\nesac\n" +
		"printf '{\"ServerURL\":\"%s\",\"Username\":\"" + user + "\",\"Secret\":\"" + pass + "\"}' \"$server\"\n"
	require.NoError(t, os.WriteFile(filepath.Join(bin, "docker-credential-e2e"), []byte(script), 0o755))
	return bin
}

package main

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestImageSyncerReadmeExample runs image-syncer's README images.yaml
// (in infra/compat/testdata) with imagesync once, unchanged but for the
// hosts (quay.io/coreos and quay.io/ruohe are loopback docker-registries)
// and its digest (one the source holds). What lands is what image-syncer
// documents: every tag for the rule without tags, the listed tags, the
// digest, v1.1 to both targets of the list, the tags /a+/ matches.
func TestImageSyncerReadmeExample(t *testing.T) {
	src, dst := registrytest.Distribution(t, ""), registrytest.Distribution(t, "")
	seeded := seed(t, src, nil, map[string][]string{
		"coreos/kube-rbac-proxy": {"v1.0", "v2.0", "v1.1", "latest", "beta", "v3.0"}})
	example, err := os.ReadFile("../../infra/compat/testdata/image-syncer/readme-images.yaml")
	require.NoError(t, err)
	digest := seeded["coreos/kube-rbac-proxy:v3.0"]
	cfg := writeConfig(t, t.TempDir(), "images.yaml", string(example),
		"quay.io/coreos", src+"/coreos", "quay.io/ruohe", dst+"/ruohe",
		"sha256:14b267eb38aa85fd12d0e168fffa2d8a6187ac53a14a0212b0d4fce8d729598c", digest)
	runTool(t, buildBinary(t), []string{"IMAGESYNC_LOG_LEVEL=warn"}, "once", "--config", cfg, "--output", "json")

	got := targets(t, dst, nil, "ruohe/kube-rbac-proxy", "ruohe/kube-rbac-proxy1", "ruohe/kube-rbac-proxy2")
	want := map[string]string{}
	for ref, d := range seeded {
		want["ruohe/kube-rbac-proxy"+ref[len("coreos/kube-rbac-proxy"):]] = d
	}
	want["ruohe/kube-rbac-proxy1:v1.1"] = seeded["coreos/kube-rbac-proxy:v1.1"]
	want["ruohe/kube-rbac-proxy2:v1.1"] = seeded["coreos/kube-rbac-proxy:v1.1"]
	assert.Equal(t, want, got)
}

// TestImageSyncerRules runs the image-syncer rules whose meaning is easy to
// get wrong, from its --config form with an auth section whose password is
// an environment variable, into an htpasswd docker-registry: /regex/ is
// an unanchored search, tags listed in a target rename the source's in
// order, a digest goes by digest to a target without tag and to a tag.
func TestImageSyncerRules(t *testing.T) {
	src := registrytest.Distribution(t, "")
	seeded := seed(t, src, nil, map[string][]string{"team/app": {"latest", "latest-rc", "v1.2", "edge", "x"}})
	const user, pass = "robot", "dst-s3cret"
	dst := registrytest.DistributionBasicAuth(t, user, pass, "")
	digest := seeded["team/app:x"]
	cfg := writeConfig(t, t.TempDir(), "config.json", `{
	"auth": {"@DST@": {"username": "robot", "password": "${DST_PASS}"}},
	"images": {
		"@SRC@/team/app:/a+/": "@DST@/regex/app",
		"@SRC@/team/app:v1.2,edge": "@DST@/renamed/app:one,two",
		"@SRC@/team/app@@DIGEST@": ["@DST@/bydigest/app", "@DST@/bydigest/tagged:pinned"]
	}
}`, "@SRC@", src, "@DST@", dst, "@DIGEST@", digest)
	runTool(t, buildBinary(t), []string{"IMAGESYNC_LOG_LEVEL=warn", "DST_PASS=" + pass}, "once", "--config", cfg, "--output", "json")

	l := &authn.Basic{Username: user, Password: pass}
	assert.Equal(t, map[string]string{
		"regex/app:latest": seeded["team/app:latest"], "regex/app:latest-rc": seeded["team/app:latest-rc"],
		"renamed/app:one": seeded["team/app:v1.2"], "renamed/app:two": seeded["team/app:edge"],
		"bydigest/tagged:pinned": digest,
	}, targets(t, dst, l, "regex/app", "renamed/app", "bydigest/app", "bydigest/tagged"))
	ref, err := name.NewDigest(dst + "/bydigest/app@" + digest)
	require.NoError(t, err)
	_, err = remote.Head(ref, remote.WithAuth(l))
	assert.NoError(t, err, "the digest, pushed by digest")
}

// TestImageSyncerAuthFile runs image-syncer's two-file form as it is run
// (image-syncer --auth auth.yaml --images images.yaml): once --config
// images.yaml --auth auth.yaml logs in with the auth file's login, its
// password read from the environment as image-syncer reads "${NAME}".
func TestImageSyncerAuthFile(t *testing.T) {
	src := registrytest.Distribution(t, "")
	seeded := seed(t, src, nil, map[string][]string{"team/app": {"v1.2"}})
	const user, pass = "robot", "dst-s3cret"
	dst := registrytest.DistributionBasicAuth(t, user, pass, "")
	dir := t.TempDir()
	auth := writeConfig(t, dir, "auth.yaml", "@DST@:\n  username: robot\n  password: \"${DST_PASS}\"\n  insecure: true\n", "@DST@", dst)
	images := writeConfig(t, dir, "images.yaml", "@SRC@/team/app:v1.2: @DST@/auth/app\n", "@SRC@", src, "@DST@", dst)
	bin := buildBinary(t)
	runTool(t, bin, []string{"IMAGESYNC_LOG_LEVEL=warn", "DST_PASS=" + pass}, "once", "--config", images, "--auth", auth, "--output", "json")
	assert.Equal(t, map[string]string{"auth/app:v1.2": seeded["team/app:v1.2"]},
		targets(t, dst, &authn.Basic{Username: user, Password: pass}, "auth/app"))

	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"check", "--config", images, "--auth", auth, "--config-format", "regsync"}, &out, &errOut, noenv)
	assert.Equal(t, 2, code, errOut.String())
	assert.Contains(t, errOut.String(), "an auth file goes with an image-syncer configuration")
}

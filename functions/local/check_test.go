package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func checkConfig(t *testing.T, doc string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "imagesync.yaml")
	require.NoError(t, os.WriteFile(path, []byte(doc), 0o600))
	return path
}

// TestCheckPrintsThePlan: engines, rules, each job's next three runs in
// UTC, and the login each named host will use; exit 0.
func TestCheckPrintsThePlan(t *testing.T) {
	path := checkConfig(t, `
swr: {region: cn-north-4, projectId: p1}
registry:
  credentials: [{host: registry.example.com, username: ci, passwordEnv: REGISTRY_PASSWORD}]
onPush:
  - name: mirror-team
    match: {registry: registry.example.com, repository: "team/**"}
    targets: [{image: "mirror.example.org/${path}:${tag}"}]
jobs:
  - {name: nightly, schedule: "0 3 * * *", sources: [docker.io/library/alpine], targets: [{image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/alpine"}]}
  - {name: often, schedule: "@every 10m", sources: [swr.cn-north-4.myhuaweicloud.com/team/app], targets: [{image: "mirror.example.org/app"}]}
  - {name: asked, sources: [registry.example.com/team/web], targets: [{image: "mirror.example.org/web"}]}
`)
	code, out, errOut := runIn("check", "--config", path)
	require.Equal(t, 0, code, errOut)
	for _, want := range []string{"config: " + path + " sha256:", "engines: registry, swr", "functions' tick: every 1m",
		"mirror-team: registry.example.com/team/** -> mirror.example.org/${path}:${tag}",
		"registry.example.com: static login (ci, password from $REGISTRY_PASSWORD)",
		"123456789012.dkr.ecr.eu-west-1.amazonaws.com: docker config.json or its helper if it has the host, else ECR login",
		"swr.cn-north-4.myhuaweicloud.com: docker config.json or its helper if it has the host, else SWR login",
		"docker.io: docker config.json and its credential helpers, else anonymous",
		"asked: registry.example.com/team/web -> mirror.example.org/web\n    no schedule"} {
		assert.Contains(t, out, want)
	}
	utc := `\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC`
	assert.Regexp(t, `schedule "0 3 \* \* \*": next (\d{4}-\d\d-\d\d 03:00:00 UTC, ){2}\d{4}-\d\d-\d\d 03:00:00 UTC`, out)
	assert.Regexp(t, `schedule "@every 10m": next `+utc+`, `+utc+`, `+utc, out)
	assert.Regexp(t, regexp.MustCompile(`next \d{4}-\d\d-\d\d \d\d:[0-5]0:00 UTC`), out, "@every 10m falls on the clock's marks")
}

// TestCheckListsEveryProblem: exit 2, each problem by its path; --deploy
// adds what the functions need; --help exits 0.
func TestCheckListsEveryProblem(t *testing.T) {
	path := checkConfig(t, `registyr: {}
jobs:
  - {name: a, schedule: banana, sources: [x.io/a], targets: [{image: y.io/a}]}
  - {name: b, schedule: "61 25 * * *", sources: [x.io/b], targets: [{image: y.io/b}]}
`)
	code, _, errOut := runIn("check", "--config", path)
	assert.Equal(t, 2, code)
	for _, want := range []string{"3 problems", "registyr: unknown key", "jobs[0].schedule", "jobs[1].schedule"} {
		assert.Contains(t, errOut, want)
	}

	fast := checkConfig(t, "jobs:\n  - {name: a, schedule: \"@every 30s\", sources: [x.io/a], targets: [{image: y.io/a}]}\n")
	code, _, errOut = runIn("check", "--config", fast)
	assert.Equal(t, 0, code, "serve runs it: %s", errOut)
	code, _, errOut = runIn("check", "--deploy", "--config", fast)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "jobs[0].schedule: due every 30s, more often than the platforms' tick")

	code, out, _ := runIn("check", "--help")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "--deploy")
}

// TestCheckNotesAbsentSecrets: a CI runner holds none of the deployment's
// secrets: they are noted, the plan is printed, exit 0. A secret present
// but too short is still a problem.
func TestCheckNotesAbsentSecrets(t *testing.T) {
	path := checkConfig(t, `webhooks: {distribution: {secrets: [{secretEnv: IMAGESYNC_TEST_UNSET_HOOK}, {secretFile: /nonexistent/hook}]}}`)
	code, out, errOut := runIn("check", "--config", path)
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "note: webhooks.distribution.secrets[0]: env:IMAGESYNC_TEST_UNSET_HOOK is empty or unset")
	assert.Contains(t, out, "note: webhooks.distribution.secrets[1].secretFile: cannot be read, no such file")

	short := checkConfig(t, "webhooks: {distribution: {secrets: [{secretFile: "+checkConfig(t, "abc")+"}]}}")
	code, _, errOut = runIn("check", "--config", short)
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "at least 8 bytes")
}

// TestDocsExamplesPassCheck: every YAML block of README.md and SECURITY.md
// is a configuration check accepts as written.
func TestDocsExamplesPassCheck(t *testing.T) {
	block := regexp.MustCompile("(?s)```yaml\n(.*?)```")
	for _, doc := range []string{"../../README.md", "../../SECURITY.md"} {
		raw, err := os.ReadFile(doc)
		require.NoError(t, err)
		blocks := block.FindAllStringSubmatch(string(raw), -1)
		require.NotEmpty(t, blocks, doc)
		for i, b := range blocks {
			code, _, errOut := runIn("check", "--config", checkConfig(t, b[1]))
			assert.Equal(t, 0, code, "%s block %d (%s…): %s", filepath.Base(doc), i, strings.SplitN(b[1], "\n", 2)[0], errOut)
		}
	}
}

package compat

import (
	"errors"
	"strings"
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var testEnv = map[string]string{"USER_NAME": "robot", "DST": "mirror.example.org"}

func translate(t *testing.T, format Format, src string) (*Result, map[string]string) {
	t.Helper()
	res, err := Translate([]byte(src), format, Options{Getenv: func(k string) string { return testEnv[k] },
		ReadFile: func(p string) ([]byte, error) { return []byte(" from-" + p + "\n"), nil }})
	if err == nil {
		return res, nil
	}
	var ve *core.ValidationError
	require.True(t, errors.As(err, &ve), err)
	refused := map[string]string{}
	for _, f := range ve.Fields {
		refused[f.Field] = f.Reason
	}
	return nil, refused
}

func TestRegsyncJobs(t *testing.T) {
	res, refused := translate(t, Regsync, `
version: 1
x-anchors: &common {type: repository, target: "{{env \"DST\"}}/{{.Sync.Source}}"}
defaults: {interval: 12h}
sync:
  - {source: busybox, target: m.io/busybox, type: image}
  - {source: "r.io/a@sha256:`+strings.Repeat("a", 64)+`", target: m.io/a:pinned, type: image, schedule: "TZ=UTC 0 3 * * *"}
  - <<: *common
    source: r.io/team/app
    tags: {allow: ["latest|3", "v1"]}
    tagSets: [{allow: [edge]}, {deny: ["tmp-.*"]}]
`)
	require.Nil(t, refused)
	jobs := res.Doc.Jobs
	require.Len(t, jobs, 4)
	assert.Equal(t, Job{Name: "sync-0", Schedule: "@every 12h", Sources: []string{"busybox:latest"},
		Targets: []Target{{Image: "m.io/busybox:latest", Override: true}}}, jobs[0])
	assert.Equal(t, "CRON_TZ=UTC 0 3 * * *", jobs[1].Schedule)
	assert.Equal(t, []Target{{Image: "m.io/a:pinned", Override: true}}, jobs[1].Targets)
	assert.Equal(t, "sync-2", jobs[2].Name)
	assert.Equal(t, []string{"r.io/team/app"}, jobs[2].Sources)
	assert.Equal(t, "mirror.example.org/r.io/team/app", jobs[2].Targets[0].Image, "templates: env and .Sync.Source")
	assert.Equal(t, &Tags{Include: []string{"edge", ".*(?:^latest|3$).*", "v1"}}, jobs[2].Tags, "allow-only sets merge")
	assert.Equal(t, "sync-2-2", jobs[3].Name)
	assert.Equal(t, &Tags{Exclude: []string{"tmp-.*"}}, jobs[3].Tags, "a set with deny stands alone")
	assert.Equal(t, 1, res.Doc.Concurrency, "regsync copies one image at a time by default")
	assert.Equal(t, "sync[2] (jobs[2])", res.Relabel("jobs[2]"))
	assert.Equal(t, "concurrency", res.Relabel("concurrency"))
	assert.Equal(t, "sync[2] (jobs[3].tags.exclude[0])", res.Relabel("jobs[3].tags.exclude[0]"))
}

func TestRegsyncCredentials(t *testing.T) {
	res, refused := translate(t, Regsync, `
creds:
  - {registry: r.io, user: "{{env \"USER_NAME\"}}", pass: "{{env \"R_PASS\"}}", repoAuth: true}
  - {registry: q.io, user: "{{file \"/u\"}}", pass: '{{file "/run/secrets/q"}}', hostname: q.io}
  - {registry: e.io, credHelper: docker-credential-ecr-login}
defaults: {parallel: 4, userAgent: me}
sync: [{source: r.io/a, target: q.io/a, type: repository}]
`)
	require.Nil(t, refused)
	assert.Equal(t, []Credential{
		{Host: "r.io", Username: "robot", PasswordEnv: "R_PASS"},
		{Host: "q.io", Username: "from-/u", PasswordFile: "/run/secrets/q"},
		{Host: "e.io", Helper: "docker-credential-ecr-login"},
	}, res.Doc.Registry.Credentials)
	assert.Equal(t, 4, res.Doc.Concurrency)
	assert.Equal(t, "me", res.Doc.Registry.UserAgent)
}

// Every key imagesync cannot honour is refused at its path, with why.
func TestRegsyncRefusals(t *testing.T) {
	_, refused := translate(t, Regsync, `
version: 2
creds:
  - {registry: r.io, user: u, pass: 'Pa$$w0rd', mirrors: [m.io]}
  - {registry: s.io, hostname: other.io, regcert: "-----BEGIN CERTIFICATE-----"}
defaults: {hooks: {pre: {type: cmd}}, skipDockerConfig: true, fastCopy: true}
sync:
  - {source: r.io/a, target: m.io/a, type: repository, tags: {allow: ["("], semverRange: [">=1"]}, forceRecursive: true}
  - {source: r.io/a:v1, target: m.io/a, type: repository}
  - {source: r.io/a, target: m.io/a, type: image, tags: {allow: [x]}}
  - {source: "ocidir://x", target: m.io/a, type: image}
  - {source: r.io/a, target: m.io/a}
  - {source: r.io/a, target: "{{ .Sync.Backup }}", type: image}
  - {source: r.io/team, target: m.io, type: registry}
  - {source: r.io, target: m.io, type: registry, repos: {allow: ["team/a.b"], deny: ["x|y"]}}
`)
	for path, want := range map[string]string{
		"version":                  "version is 1",
		"creds[0].pass":            "never from the configuration",
		"creds[0].mirrors":         "no registry mirrors",
		"creds[1].regcert":         "from files",
		"defaults.hooks":           "runs no commands",
		"defaults.fastCopy":        "unknown key",
		"sync[0].tags.allow[0]":    "not a valid regular expression",
		"sync[0].tags.semverRange": "prereleases",
		"sync[0].forceRecursive":   "no forced recopy",
		"sync[1].source":           "without tag or digest: regsync appends each tag to it and fails",
		"sync[2]":                  "type image copies one image",
		"sync[3].source":           "ocidir",
		"sync[4].type":             "must be image, repository or registry",
		"sync[5].target":           ".Sync.Source, .Sync.Target and .Sync.Type",
		"sync[6].source":           "registry host",
		"sync[7].repos.allow[0]":   "exclude globs",
		"sync[7].repos.deny[0]":    "exclude globs",
	} {
		assert.Contains(t, refused[path], want, path)
	}
}

func TestRegsyncSharedSettings(t *testing.T) {
	res, refused := translate(t, Regsync, `
defaults: {referrers: true, digestTags: true}
sync:
  - {source: r.io/a, target: m.io/a, type: repository, platform: linux/arm64}
  - {source: r.io/b, target: m.io/b, type: repository, platforms: [linux/arm64]}
`)
	require.Nil(t, refused)
	assert.True(t, res.Doc.Registry.Referrers)
	assert.Equal(t, []string{"linux/arm64"}, res.Doc.Jobs[0].Platforms)
	assert.Equal(t, []string{"linux/arm64"}, res.Doc.Jobs[1].Platforms)
	assert.Len(t, res.Notes, 2, "both platform notes: %v", res.Notes)

	_, refused = translate(t, Regsync, `
sync:
  - {source: r.io/a, target: m.io/a, type: repository, referrers: true, fastCheck: true}
  - {source: r.io/b, target: m.io/b, type: repository}
`)
	assert.Contains(t, refused["sync[0]"], "every job or none")
	assert.Contains(t, refused["sync[0].fastCheck"], "no fast check")
}

func TestImageSyncerJobs(t *testing.T) {
	res, refused := translate(t, ImageSyncer, "{\n\t\"auth\": {\"r.io\": {\"username\": \"$USER_NAME\", \"password\": \"${R_PASS}\"}},\n"+
		"\t\"images\": {\"r.io/a:v1,v2\": [\"$DST/a\", \"m.io/b:x,y\"], \"r.io/c:/^v1\\\\./\": \"m.io/c\"}\n}")
	require.Nil(t, refused)
	assert.Equal(t, []Credential{{Host: "r.io", Username: "robot", PasswordEnv: "R_PASS"}}, res.Doc.Registry.Credentials)
	require.Len(t, res.Doc.Jobs, 4)
	assert.Equal(t, Job{Name: "images-0", Sources: []string{"r.io/a:v1", "r.io/a:v2"},
		Targets: []Target{{Image: "mirror.example.org/a", Override: true}}}, res.Doc.Jobs[0])
	assert.Equal(t, Job{Name: "images-0-2", Sources: []string{"r.io/a:v1"}, Targets: []Target{{Image: "m.io/b:x", Override: true}}}, res.Doc.Jobs[1])
	assert.Equal(t, Job{Name: "images-0-3", Sources: []string{"r.io/a:v2"}, Targets: []Target{{Image: "m.io/b:y", Override: true}}}, res.Doc.Jobs[2])
	assert.Equal(t, &Tags{Include: []string{".*(?:^v1\\.).*"}}, res.Doc.Jobs[3].Tags)
}

func TestImageSyncerRefusals(t *testing.T) {
	dg := "sha256:" + strings.Repeat("a", 64)
	_, refused := translate(t, ImageSyncer, `
auth:
  r.io: {username: u, password: secret}
  r.io/team: {username: u, password: $P}
images:
  r.io/a:v1,v2: m.io/a:x
  r.io/b: m.io/b:v1
  r.io/c@`+dg+`: m.io/c@sha256:`+strings.Repeat("b", 64)+`
  r.io/d: ""
`)
	for path, want := range map[string]string{
		`auth["r.io"].password`:       "never from the configuration",
		`auth["r.io/team"]`:           "per registry host",
		`images["r.io/a:v1,v2"]`:      "pairs them in order",
		`images["r.io/b"]`:            "without tags",
		`images["r.io/c@` + dg + `"]`: "must be the source's",
		`images["r.io/d"]`:            "empty",
	} {
		assert.Contains(t, refused[path], want, path)
	}
}

func TestDetect(t *testing.T) {
	native := func(k string) bool { return nativeForTest[k] }
	for _, c := range []struct {
		in   string
		want Format
		err  string
	}{
		{"version: 1\nsync: []", Regsync, ""},
		{"creds: []", Regsync, ""},
		{`{"auth": {}, "images": {"a/b": "c/d"}}`, ImageSyncer, ""},
		{"a/b:v1: c/d\nalpine: m.io/alpine", ImageSyncer, ""},
		{"quay.io: {username: u, password: $P}", ImageSyncer, ""},
		{"jobs: []\nauth: {mode: none}", Imagesync, ""},
		{"concurency: 8", Imagesync, ""},
		{"registyr: {}", Imagesync, ""},
		{"registyr: {jobs: 8}", Imagesync, ""},
		{"", Imagesync, ""},
		{"jobs: []\nsync: []", Regsync, "mixes imagesync keys (jobs) with regsync keys (sync)"},
	} {
		t.Run(c.in, func(t *testing.T) {
			got, err := Detect([]byte(c.in), native)
			assert.Equal(t, c.want, got)
			if c.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), c.err)
			} else {
				assert.NoError(t, err)
			}
		})
	}
}

// An alias bomb (merges of merges, 10^8 mappings deep) is cut off by the
// node budget, not walked.
func TestAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString("x-0: &a0 {k: v}\n")
	for i := 1; i < 9; i++ {
		b.WriteString("x-" + itoa(i) + ": &a" + itoa(i) + " {<<: [")
		for k := 0; k < 10; k++ {
			b.WriteString("*a" + itoa(i-1) + ", ")
		}
		b.WriteString("]}\n")
	}
	b.WriteString("sync: [{<<: *a8, source: r.io/a, target: m.io/a, type: repository}]\n")
	_, refused := translate(t, Regsync, b.String())
	assert.Contains(t, refused[""], "too many YAML nodes")
}

func TestRegsyncBackup(t *testing.T) {
	res, refused := translate(t, Regsync, `
defaults: {backup: "bkup-{{ .Ref.Tag }}"}
sync:
  - {source: r.io/a, target: m.io/a, type: repository}
  - {source: r.io/b:v1, target: m.io/b:stable, type: image}
  - {source: r.io/c, target: m.io/c, type: image, backup: "{{env \"DST\"}}-old"}
`)
	require.Nil(t, refused)
	assert.Equal(t, "bkup-${tag}", res.Doc.Jobs[0].Targets[0].Backup)
	assert.Equal(t, "bkup-stable", res.Doc.Jobs[1].Targets[0].Backup, "{{.Ref.Tag}} is the target's tag")
	assert.Equal(t, "mirror.example.org-old", res.Doc.Jobs[2].Targets[0].Backup)

	_, refused = translate(t, Regsync, `
sync:
  - {source: r.io/a, target: m.io/a, type: repository, backup: "m.io/backups/a:{{.Ref.Tag}}"}
  - {source: r.io/a, target: m.io/a, type: repository, backup: "{{.Ref.Registry}}-x"}
`)
	assert.Contains(t, refused["sync[0].backup"], "a tag in the target repository")
	assert.Contains(t, refused["sync[1].backup"], "{{.Ref.Registry}}")
}

// regsync's creds[].hostname is where the registry is reached:
// registry.hosts[].address, with the entry's TLS settings.
func TestRegsyncHostname(t *testing.T) {
	res, refused := translate(t, Regsync, `
version: 1
creds:
  - {registry: "registry:5000", hostname: "registry.registry:5000", tls: disabled}
  - {registry: q.io, hostname: q.io}
sync: [{source: "registry:5000/a", target: q.io/a, type: repository}]
`)
	require.Nil(t, refused)
	assert.Equal(t, []Host{{Host: "registry:5000", Address: "registry.registry:5000", TLS: "disabled"}}, res.Doc.Registry.Hosts)
}

// regsync's creds[].reqPerSec and reqConcurrent are the host entry's
// requestsPerSecond and maxConcurrent, beside its TLS settings and
// address; 0 is no limit, and an entry with nothing else set is kept for
// them. Out-of-range values are refused at their path.
func TestRegsyncRequestLimits(t *testing.T) {
	res, refused := translate(t, Regsync, `
version: 1
creds:
  - {registry: docker.io, user: "{{env \"USER_NAME\"}}", pass: "{{env \"R_PASS\"}}", reqPerSec: 2, reqConcurrent: 3}
  - {registry: "registry:5000", hostname: "registry.registry:5000", tls: disabled, reqPerSec: 0.5}
  - {registry: q.io, reqPerSec: 0, reqConcurrent: 0}
sync: [{source: "registry:5000/a", target: q.io/a, type: repository}]
`)
	require.Nil(t, refused)
	assert.Equal(t, []Host{
		{Host: "docker.io", RequestsPerSecond: 2, MaxConcurrent: 3},
		{Host: "registry:5000", Address: "registry.registry:5000", TLS: "disabled", RequestsPerSecond: 0.5},
	}, res.Doc.Registry.Hosts)

	_, refused = translate(t, Regsync, `
version: 1
creds:
  - {registry: r.io, reqPerSec: -1, reqConcurrent: 2000}
  - {registry: s.io, reqPerSec: fast, reqConcurrent: 1.5}
sync: [{source: r.io/a, target: s.io/a, type: repository}]
`)
	for path, want := range map[string]string{
		"creds[0].reqPerSec": "from 0 (no limit) to 10000", "creds[0].reqConcurrent": "from 0 (no limit) to 1024",
		"creds[1].reqPerSec": "from 0 (no limit) to 10000", "creds[1].reqConcurrent": "whole number",
	} {
		assert.Contains(t, refused[path], want, path)
	}
}

// regsync's skipDockerConfig: true is registry.dockerConfig: false.
func TestRegsyncSkipDockerConfig(t *testing.T) {
	res, refused := translate(t, Regsync, `
version: 1
defaults: {skipDockerConfig: true}
sync: [{source: r.io/a, target: q.io/a, type: repository}]
`)
	require.Nil(t, refused)
	require.NotNil(t, res.Doc.Registry.DockerConfig)
	assert.False(t, *res.Doc.Registry.DockerConfig)
	res, _ = translate(t, Regsync, "version: 1\ndefaults: {skipDockerConfig: false}\nsync: [{source: r.io/a, target: q.io/a, type: repository}]\n")
	assert.Nil(t, res.Doc.Registry, "read, as by default")
}

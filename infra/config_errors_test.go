package infra_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/infra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// badConfig has an unknown key, values of the wrong type, values that
// break a rule, a CIDR that is not one and a glob that is not one.
const badConfig = `log: {level: loud}
registyr: {}
history: many
registry: {jobs: 99, referrers: "yes", platforms: linux/amd64}
policy: {allowHosts: ["10.0.0.0/33", "169.254.0.0/16", "0.0.0.0", "[bad", "metadata.*"]}
limits: {requestTimeout: 600, concurrentSyncs: 2}
onPush: [{name: m, match: {repository: "**"}, targets: [{image: "dst.io/${path}:${tag}", override: maybe}]}]
`

// TestLoadReportsEveryProblemOnce: one pass finds every problem of the
// file, unknown keys and bad values together, each named by the file and
// its path; the environment's own problems are named by the variable.
func TestLoadReportsEveryProblemOnce(t *testing.T) {
	path := write(t, badConfig)
	_, err := infra.Load(path, env(map[string]string{"IMAGESYNC_LOG_FORMAT": "xml"}))
	require.ErrorIs(t, err, core.ErrInvalid)
	var ce *infra.ConfigError
	require.True(t, errors.As(err, &ce), "%T", err)
	got := map[string]string{}
	for _, p := range ce.Problems {
		got[p.Path] = p.Source
	}
	want := map[string]string{
		"registyr":                      path,
		"history":                       path,
		"registry.referrers":            path,
		"registry.platforms":            path,
		"limits.requestTimeout":         path,
		"onPush[0].targets[0].override": path,
		"log.level":                     path,
		"log.format":                    "environment IMAGESYNC_LOG_FORMAT",
		"registry.jobs":                 path,
		"policy.allowHosts[0]":          path,
		"policy.allowHosts[3]":          path,
	}
	assert.Equal(t, want, got, err.Error())
	for _, line := range strings.Split(err.Error(), "\n")[1:] {
		assert.True(t, strings.HasPrefix(line, "  "+path+": ") || strings.HasPrefix(line, "  environment IMAGESYNC_LOG_FORMAT: "), line)
	}
	assert.Contains(t, err.Error(), "policy.allowHosts[0]: not a CIDR")
	assert.Contains(t, err.Error(), "registry.referrers: must be true or false")
	assert.Contains(t, err.Error(), "limits.requestTimeout: must be a duration")
}

// TestLoadNamesTheEnvironment: a bad environment variable is named as
// such, alongside the file's problems.
func TestLoadNamesTheEnvironment(t *testing.T) {
	path := write(t, "registyr: {}\n")
	_, err := infra.Load(path, env(map[string]string{"IMAGESYNC_HISTORY": "x"}))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "\n  environment: IMAGESYNC_HISTORY: must be an integer")
	assert.Contains(t, err.Error(), "\n  "+path+": registyr: unknown key")
}

// TestAllowHostsCIDRsAndGlobs: an entry with a '/' is a CIDR and must be
// one; any other is a glob and must be one.
func TestAllowHostsCIDRsAndGlobs(t *testing.T) {
	for entry, ok := range map[string]bool{
		"169.254.10.0/24": true, "fd00:ec2::/64": true, "0.0.0.0": true, "0.0.0.0:*": true, "metadata.*": true,
		"10.0.0.0/33": false, "10.0.0/8": false, "169.254.0.0/": false, "[bad": false, "": false, "a/b": false,
	} {
		_, err := infra.Load(write(t, "policy: {allowHosts: ["+quote(entry)+"]}\n"), env(nil))
		assert.Equal(t, ok, err == nil, "%q: %v", entry, err)
	}
}

func quote(s string) string { return `"` + s + `"` }

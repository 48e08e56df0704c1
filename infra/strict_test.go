package infra_test

import (
	"testing"

	"github.com/imagesync/imagesync/infra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A value of the wrong shape is named by its path and told in YAML's
// words (it was "Triggers.jobs.sources: must be a []string").
func TestLoadNamesWrongShapesInYAMLWords(t *testing.T) {
	_, err := infra.Load(write(t, `history: lots
registry: {jobs: [1], credentials: {host: x}}
jobs:
  - name: a
    sources: docker.io/library/alpine
    tags: {include: [a], latest: "2"}
    targets: [{image: "z.io/${path}", override: "yes"}]
`), env(nil))
	require.Error(t, err)
	for _, want := range []string{
		"history: must be a whole number",
		"registry.jobs: must be a whole number",
		"registry.credentials: must be a list",
		"jobs[0].sources: must be a list",
		"jobs[0].tags.latest: must be a whole number",
		"jobs[0].targets[0].override: must be true or false",
	} {
		assert.Contains(t, err.Error(), want)
	}
	assert.NotContains(t, err.Error(), "[]string")
	assert.NotContains(t, err.Error(), "Triggers")
}

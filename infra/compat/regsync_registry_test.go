package compat

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestToRepoGlob(t *testing.T) {
	for p, want := range map[string]repoGlob{
		".*": {all: true}, "team/app": {path: "team/app"}, `team/app\.v2`: {path: "team/app.v2"},
		"team/.*": {prefix: "team"}, "team/sub/.+": {prefix: "team/sub"},
	} {
		got, ok := toRepoGlob(p)
		assert.True(t, ok, p)
		assert.Equal(t, want, got, p)
	}
	for _, p := range []string{"team/a.b", "team/.*/app", "a|b", "(?i)team", "team.*", "(", "/.*"} {
		_, ok := toRepoGlob(p)
		assert.False(t, ok, p)
	}
}

package core_test

import (
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
)

func TestTagFilterMatch(t *testing.T) {
	cases := []struct {
		name   string
		filter core.TagFilter
		tag    string
		want   bool
	}{
		{"zero passes all", core.TagFilter{}, "anything", true},
		{"include full match", core.TagFilter{Include: []string{`v1\..*`}}, "v1.2", true},
		{"include is anchored", core.TagFilter{Include: []string{`v1\..*`}}, "xv1.2", false},
		{"any include", core.TagFilter{Include: []string{"main", "release-.*"}}, "release-7", true},
		{"exclude wins", core.TagFilter{Include: []string{".*"}, Exclude: []string{".*-debug"}}, "1.0-debug", false},
		{"semver in", core.TagFilter{Semver: ">=1.2 <2"}, "v1.4.0", true},
		{"semver out", core.TagFilter{Semver: ">=1.2 <2"}, "2.0.0", false},
		{"semver non-version", core.TagFilter{Semver: ">=1.2 <2"}, "latest", false},
		{"semver prerelease", core.TagFilter{Semver: "^1.4"}, "1.5.0-rc.1", false},
		{"all three", core.TagFilter{Include: []string{"v.*"}, Exclude: []string{".*rc.*"}, Semver: "^1"}, "v1.9.0", true},
		{"invalid regex passes nothing", core.TagFilter{Include: []string{"("}}, "x", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ok, reason := c.filter.Match(c.tag)
			assert.Equal(t, c.want, ok, reason)
			if !ok {
				assert.NotEmpty(t, reason)
			}
		})
	}
}

func TestTagFilterSelectLatest(t *testing.T) {
	tags := []string{"latest", "1.9.0", "v1.10.0", "1.2", "2.0.0-rc.1", "main", "1.10.0-rc.1", "1.9.0"}
	cases := []struct {
		name   string
		filter core.TagFilter
		want   []string
	}{
		{"all, versions first", core.TagFilter{}, []string{"2.0.0-rc.1", "v1.10.0", "1.10.0-rc.1", "1.9.0", "1.2", "main", "latest"}},
		{"latest 2 by semver", core.TagFilter{Latest: 2, Semver: ">=1"}, []string{"v1.10.0", "1.9.0"}},
		{"latest 2 by name", core.TagFilter{Latest: 2, Include: []string{"[a-z]+"}}, []string{"main", "latest"}},
		{"latest more than there are", core.TagFilter{Latest: 10, Include: []string{"1\\.9.*"}}, []string{"1.9.0"}},
		{"none pass", core.TagFilter{Include: []string{"nope"}}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, c.filter.Select(tags))
		})
	}
}

func TestTagFilterValidate(t *testing.T) {
	err := core.TagFilter{Include: []string{"ok", "("}, Exclude: []string{"["}, Semver: ">=abc", Latest: -1}.Validate()
	assert.ElementsMatch(t, []string{"tags.include[1]", "tags.exclude[0]", "tags.semver", "tags.latest"}, fields(err))
	assert.NoError(t, core.TagFilter{Include: []string{"v.*"}, Semver: "~1.2", Latest: 3}.Validate())
}

func TestMatchGlob(t *testing.T) {
	cases := []struct {
		pattern, name string
		want          bool
	}{
		{"", "any/thing", true},
		{"team/*", "team/app", true},
		{"team/*", "team/a/b", false},
		{"team/**", "team/a/b", true},
		{"team/**", "team", true},
		{"**/app", "a/b/app", true},
		{"**/app", "app", true},
		{"team/**/app", "team/app", true},
		{"team/**/app", "team/x/y/app", true},
		{"team/**/app", "team/x/y/web", false},
		{"*/app", "x/y/app", false},
		{"app-?", "app-1", true},
		{"[a-c]*", "beta", true},
		{"*.dkr.ecr.*.amazonaws.com", "123456789012.dkr.ecr.us-west-2.amazonaws.com", true},
		{"*.dkr.ecr.*.amazonaws.com", "registry.example.com", false},
		{"**", "", true},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, core.MatchGlob(c.pattern, c.name), "%q vs %q", c.pattern, c.name)
	}
	assert.Empty(t, core.CheckGlob("team/**/a*"))
	assert.NotEmpty(t, core.CheckGlob("team/a**"))
	assert.NotEmpty(t, core.CheckGlob("team/[a"))
}

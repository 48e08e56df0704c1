package core_test

import (
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestJobPlanLatest(t *testing.T) {
	job := core.Job{Name: "nginx", Sources: []string{"nginx"},
		Tags:    core.TagFilter{Semver: ">=1.25", Latest: 2, Exclude: []string{".*-perl"}},
		Targets: []core.TargetTemplate{tmpl("mirror.io/${path}:${tag}")}}
	require.NoError(t, job.Validate())
	reqs := job.Plan("nginx", []string{"1.24.0", "1.25.3", "1.27.0-perl", "1.26.1", "latest", "1.27.0", "mainline"})
	require.Len(t, reqs, 2)
	assert.Equal(t, "docker.io/library/nginx:1.27.0", reqs[0].Source.Image)
	assert.Equal(t, "mirror.io/library/nginx:1.27.0", reqs[0].Target.Image)
	assert.Equal(t, "docker.io/library/nginx:1.26.1", reqs[1].Source.Image)
}

func TestJobPlanReasons(t *testing.T) {
	job := core.Job{Name: "j", Sources: []string{"r.io/app"},
		Targets: []core.TargetTemplate{tmpl("m.io/${namespace}/${repository}")}}
	reqs, skipped := job.PlanReasons("r.io/app", []string{"v1"})
	assert.Empty(t, reqs)
	require.Len(t, skipped, 1)
	assert.Contains(t, skipped[0], "${namespace} is empty")

	_, skipped = job.PlanReasons("r.io/Bad", []string{"v1"})
	assert.Len(t, skipped, 1)
}

func TestJobValidate(t *testing.T) {
	bad := core.Job{Name: "Bad Name", Sources: []string{"r.io/app:v1", "r.io/UP"},
		Tags: core.TagFilter{Semver: "^^1"}, Targets: []core.TargetTemplate{tmpl("${x}")}}
	assert.ElementsMatch(t, []string{"name", "sources[0]", "sources[1]", "tags.semver", "targets[0].image"}, fields(bad.Validate()))
	assert.ElementsMatch(t, []string{"name", "sources", "targets"}, fields(core.Job{}.Validate()))
}

// A job whose target names one fixed tag would write every selected tag
// to it, each over the last: refused unless the job selects one tag.
func TestJobTargetsOneTag(t *testing.T) {
	swr := func(tag string) core.TargetTemplate {
		return core.TargetTemplate{Endpoint: core.Endpoint{Engine: core.EngineSWR, Region: "cn-north-4", Namespace: "team", Repository: "app", Tag: tag}}
	}
	for _, c := range []struct {
		target  core.TargetTemplate
		refused bool
	}{
		{tmpl("m.io/app:stable"), true}, {tmpl("m.io/${path}:stable"), true}, {swr("stable"), true},
		{tmpl("m.io/app"), false}, {tmpl("m.io/app:${tag}"), false}, {tmpl("m.io/app:${tag}-mirror"), false},
		{tmpl("m.io/${name}"), false}, {swr(""), false}, {swr("${tag}"), false},
	} {
		for _, latest := range []int{0, 1, 3} {
			target := c.target
			j := core.Job{Name: "j", Sources: []string{"r.io/team/app"}, Tags: core.TagFilter{Latest: latest}, Targets: []core.TargetTemplate{target}}
			if c.refused && latest != 1 {
				assert.Equal(t, []string{"targets[0]"}, fields(j.Validate()), "%+v latest %d", target, latest)
			} else {
				assert.NoError(t, j.Validate(), "%+v latest %d", target, latest)
			}
		}
	}
}

func TestTickWants(t *testing.T) {
	assert.True(t, core.Tick{}.Wants("a"))
	assert.True(t, core.Tick{Jobs: []string{"a", "b"}}.Wants("b"))
	assert.False(t, core.Tick{Jobs: []string{"a"}}.Wants("b"))
}

func TestPushImage(t *testing.T) {
	assert.Equal(t, "r.io/a:v1@"+dig, core.Push{Registry: "r.io", Repository: "a", Tag: "v1", Digest: dig}.Image())
	assert.Equal(t, "", core.Push{Repository: "a", Tag: "v1"}.Image())
}

package core_test

import (
	"context"
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunJobRunsAnUnconfiguredJob(t *testing.T) {
	reg := &memRegistry{repos: map[string]map[string]bool{
		"src.io/team/app":   set("v1", "v2", "dev"),
		"dst.io/mirror/app": set("v0")}}
	job := pruneJob()
	job.Targets = job.Targets[:1]
	s := core.New(core.WithEngine(reg)) // no triggers configured

	out, err := s.RunJob(context.Background(), job, false)
	require.NoError(t, err)
	assert.Equal(t, "mirror", out.Name)
	assert.Equal(t, 2, out.Copied)
	assert.Equal(t, []string{"dst.io/mirror/app:v0"}, out.Pruned)
	assert.Equal(t, set("v1", "v2"), reg.repos["dst.io/mirror/app"])
}

func TestRunJobValidatesFirst(t *testing.T) {
	reg := &memRegistry{repos: map[string]map[string]bool{"src.io/team/app": set("v1")}}
	s := core.New(core.WithEngine(reg))
	job := core.Job{Name: "Bad Name", Sources: []string{"src.io/team/app:v1"}, Tags: core.TagFilter{Include: []string{"("}}}

	_, err := s.RunJob(context.Background(), job, false)
	require.Error(t, err)
	assert.Equal(t, "invalid", core.KindOf(err))
	for _, want := range []string{"name", "sources[0]", "tags.include[0]", "targets"} {
		assert.Contains(t, err.Error(), want)
	}
	assert.Empty(t, reg.repos["dst.io/mirror/app"], "nothing copied")
}

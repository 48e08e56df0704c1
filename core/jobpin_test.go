package core_test

import (
	"context"
	"sync"
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recorder is a registry engine that records the syncs asked of it and
// lists no repository: a pinned source must not be listed.
type recorder struct {
	mu   sync.Mutex
	reqs []core.SyncRequest
}

func (r *recorder) Name() string { return core.EngineRegistry }

func (r *recorder) Sync(_ context.Context, req core.SyncRequest) (core.Task, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.reqs = append(r.reqs, req)
	return core.Task{Status: core.StatusSuccess}, nil
}

func (r *recorder) ListTags(_ context.Context, repo string) ([]string, error) {
	return nil, core.Errorf(core.ErrNotFound, "listed %s", repo)
}

func TestJobPinnedSourcesValidate(t *testing.T) {
	dg := dig
	for _, c := range []struct {
		name   string
		job    core.Job
		fields []string
	}{
		{"tag", core.Job{Sources: []string{"r.io/app:v1"}, Targets: []core.TargetTemplate{tmpl("m.io/app")}}, nil},
		{"digest to a fixed tag", core.Job{Sources: []string{"r.io/app@" + dg}, Targets: []core.TargetTemplate{tmpl("m.io/app:stable")}}, nil},
		{"tag and repository", core.Job{Sources: []string{"r.io/app:v1", "r.io/other"}, Targets: []core.TargetTemplate{tmpl("m.io/${path}")}}, nil},
		{"with a tag filter", core.Job{Sources: []string{"r.io/app:v1"}, Tags: core.TagFilter{Include: []string{"v.*"}},
			Targets: []core.TargetTemplate{tmpl("m.io/app")}}, []string{"sources[0]"}},
		{"with prune", core.Job{Sources: []string{"r.io/app:v1"}, Prune: true, Owns: []string{"m.io/app"},
			Targets: []core.TargetTemplate{tmpl("m.io/app")}}, []string{"sources[0]"}},
		{"two pinned to one fixed tag", core.Job{Sources: []string{"r.io/app:v1", "r.io/app:v2"},
			Targets: []core.TargetTemplate{tmpl("m.io/app:stable")}}, []string{"targets[0]"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.job.Name = "j"
			if c.fields == nil {
				assert.NoError(t, c.job.Validate())
				return
			}
			assert.ElementsMatch(t, c.fields, fields(c.job.Validate()))
		})
	}
}

// A pinned source is synced as named, never listed: its tag keeps its
// name (or takes the target's), its digest is written by digest.
func TestRunJobPinnedSources(t *testing.T) {
	dg := dig
	reg := &recorder{}
	s := core.New(core.WithEngine(reg))
	job := core.Job{Name: "pinned", Sources: []string{"r.io/team/app:v1", "r.io/team/app@" + dg, "busybox:latest"},
		Targets: []core.TargetTemplate{tmpl("m.io/${path}")}}

	out, err := s.RunJob(context.Background(), job, false)
	require.NoError(t, err)
	assert.Equal(t, 3, out.Copied)
	assert.Empty(t, out.Notes)
	got := map[string]string{}
	for _, r := range reg.reqs {
		got[r.Source.Image] = r.Target.Image
	}
	assert.Equal(t, map[string]string{
		"r.io/team/app:v1":                 "m.io/team/app",
		"r.io/team/app@" + dg:              "m.io/team/app",
		"docker.io/library/busybox:latest": "m.io/library/busybox",
	}, got)

	reg.reqs = nil
	job = core.Job{Name: "renamed", Sources: []string{"r.io/team/app:v1"}, Targets: []core.TargetTemplate{tmpl("m.io/app:stable")}}
	_, err = s.RunJob(context.Background(), job, false)
	require.NoError(t, err)
	require.Len(t, reg.reqs, 1)
	assert.Equal(t, "m.io/app:stable", reg.reqs[0].Target.Image)
}

package core_test

import (
	"context"
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBackupValidate(t *testing.T) {
	req := func(backup string, override bool, target core.Endpoint) core.SyncRequest {
		return core.SyncRequest{Source: core.Endpoint{Image: "r.io/a:v1"}, Target: target, Override: override, Backup: backup}
	}
	img := core.Endpoint{Image: "m.io/a"}
	swr := core.Endpoint{Engine: core.EngineSWR, Region: "cn-north-4", Namespace: "team", Repository: "a"}
	assert.NoError(t, req("bkup-v1", true, img).Validate())
	for name, r := range map[string]core.SyncRequest{
		"without override": req("bkup-v1", false, img),
		"not a tag":        req("bad tag", true, img),
		"native engine": {Source: core.Endpoint{Engine: core.EngineSWR, Region: "cn-east-3", Namespace: "team", Repository: "a", Tag: "v1"},
			Target: swr, Override: true, Backup: "bkup"},
	} {
		assert.Equal(t, []string{"backup"}, fields(r.Validate()), name)
	}
}

// A job target's backup is a tag template, expanded per tag.
func TestJobBackupTemplate(t *testing.T) {
	reg := &recorder{}
	s := core.New(core.WithEngine(reg))
	job := core.Job{Name: "j", Sources: []string{"r.io/team/app:v1"},
		Targets: []core.TargetTemplate{{Endpoint: core.Endpoint{Image: "m.io/app"}, Override: true, Backup: "bkup-${tag}"}}}
	_, err := s.RunJob(context.Background(), job, false)
	require.NoError(t, err)
	require.Len(t, reg.reqs, 1)
	assert.Equal(t, "bkup-v1", reg.reqs[0].Backup)

	job.Targets[0].Override = false
	assert.Equal(t, []string{"targets[0].backup"}, fields(job.Validate()))
	job.Targets[0].Override, job.Targets[0].Backup = true, "${nope}"
	assert.Equal(t, []string{"targets[0].backup"}, fields(job.Validate()))
}

package core_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSelectPushed(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	pushed := map[string]time.Time{"v1.0.0": t0.Add(3 * time.Hour), "v2.0.0": t0, "nightly": t0.Add(5 * time.Hour), "v1.5.0": t0.Add(3 * time.Hour)}
	tags := []string{"v2.0.0", "v1.0.0", "nightly", "v1.5.0", "v0.9.0", "v0.8.0", "v1.0.0"}

	f := core.TagFilter{Order: core.OrderPushed}
	assert.Equal(t, []string{"nightly", "v1.5.0", "v1.0.0", "v2.0.0", "v0.9.0", "v0.8.0"}, f.SelectPushed(tags, pushed),
		"newest push first; equal times and unknown times in semver order, unknown last")
	f.Latest, f.Include = 2, []string{`v.*`}
	assert.Equal(t, []string{"v1.5.0", "v1.0.0"}, f.SelectPushed(tags, pushed))
	assert.Equal(t, []string{"v2.0.0", "v1.5.0"}, f.Select(tags), "semver order")

	bad := core.TagFilter{Order: "newest"}
	assert.ErrorContains(t, bad.Validate(), "tags.order")
	assert.Nil(t, bad.SelectPushed(tags, pushed))
}

// timedRegistry is memRegistry that also tells when tags were pushed.
type timedRegistry struct {
	*memRegistry
	pushed map[string]map[string]time.Time
	err    error
}

func (r *timedRegistry) TagTimes(_ context.Context, repo string) (map[string]time.Time, error) {
	return r.pushed[repo], r.err
}

func TestJobLatestByPushOrder(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	reg := &timedRegistry{memRegistry: &memRegistry{repos: map[string]map[string]bool{"src.io/team/app": set("v1", "v2", "v3")}},
		pushed: map[string]map[string]time.Time{"src.io/team/app": {"v1": t0.Add(2 * time.Hour), "v2": t0.Add(time.Hour), "v3": t0}}}
	job := core.Job{Name: "recent", Sources: []string{"src.io/team/app"}, Tags: core.TagFilter{Latest: 2, Order: core.OrderPushed},
		Targets: []core.TargetTemplate{tmpl("dst.io/mirror/app")}}
	require.NoError(t, job.Validate())
	s := core.New(core.WithEngine(reg))
	out, err := s.RunJob(context.Background(), job, false)
	require.NoError(t, err)
	assert.Equal(t, 2, out.Copied)
	assert.Equal(t, set("v1", "v2"), reg.repos["dst.io/mirror/app"], "the two pushed last, not the two highest")

	reg.err = core.Errorf(core.ErrInvalid, "src.io does not tell when tags were pushed")
	out, err = s.RunJob(context.Background(), job, true)
	require.NoError(t, err, "not transient")
	assert.Equal(t, []string{"src.io/team/app"}, out.Unlisted)
	assert.Contains(t, strings.Join(out.Notes, "\n"), "ordering tags by push: src.io does not tell")

	plain := core.New(core.WithEngine(reg.memRegistry)) // lists tags, tells no times
	out, err = plain.RunJob(context.Background(), job, true)
	require.NoError(t, err)
	assert.Contains(t, strings.Join(out.Notes, "\n"), "is not configured or cannot")
}

package core_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDuplicateDeliveriesCopyOnce: the same event delivered ten times, in
// sequence and at once, makes one copy.
func TestDuplicateDeliveriesCopyOnce(t *testing.T) {
	reg := newFake()
	s := core.New(core.WithEngine(reg), core.WithTriggers(pushRules()))
	p := core.Push{Registry: "src.io", Repository: "team/app", Tag: "v1", EventID: "evt-1", Source: "distribution"}
	dups := 0
	for range 10 {
		out, err := s.OnPush(context.Background(), p, false)
		require.NoError(t, err)
		if out.Duplicate {
			dups++
		}
	}
	assert.Equal(t, 9, dups)
	p.EventID = "evt-2"
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() { _, _ = s.OnPush(context.Background(), p, false) })
	}
	wg.Wait()
	assert.Equal(t, []string{"src.io/team/app:v1>dst.io/team/app:v1"}, reg.copied, "one copy for 20 deliveries")
}

// TestTagsPerJobCap: a job copies at most TagsPerJob per tick; the next
// ticks skip what is done and copy the rest, so the job converges.
func TestTagsPerJobCap(t *testing.T) {
	reg := newFake()
	var tags []string
	for i := range 10 {
		tags = append(tags, fmt.Sprintf("1.%d.0", i))
	}
	reg.tags["src.io/team/app"] = tags
	job := core.Job{Name: "j", Sources: []string{"src.io/team/app"},
		Targets: []core.TargetTemplate{{Endpoint: core.Endpoint{Image: "dst.io/team/app:${tag}"}}}}
	s := core.New(core.WithEngine(reg), core.WithTriggers(core.Triggers{Jobs: []core.Job{job}}),
		core.WithLimits(core.Limits{TagsPerJob: 4}), core.WithConcurrency(1))
	for _, want := range []int{4, 4, 2} {
		out, err := s.OnTick(context.Background(), core.Tick{}, false)
		require.NoError(t, err)
		assert.Equal(t, want, out.Jobs[0].Copied)
		assert.Equal(t, 10-want-out.Jobs[0].Skipped, out.Jobs[0].Remaining)
	}
	assert.Len(t, reg.copied, 10)
}

// TestLeftSyncsAskForRedelivery: a push whose syncs could not all start
// (the byte budget is spent) is not marked handled: the platform delivers
// it again.
func TestLeftSyncsAskForRedelivery(t *testing.T) {
	reg := newFake()
	rules := pushRules()
	rules.OnPush[0].Targets = append(rules.OnPush[0].Targets, core.TargetTemplate{Endpoint: core.Endpoint{Image: "dst2.io/${path}:${tag}"}})
	s := core.New(core.WithEngine(&sized{reg}), core.WithTriggers(rules), core.WithLimits(core.Limits{BytesPerRun: 1}), core.WithConcurrency(1))
	p := core.Push{Registry: "src.io", Repository: "team/app", Tag: "v1", EventID: "e", Source: "distribution"}
	_, err := s.OnPush(context.Background(), p, false)
	require.ErrorIs(t, err, core.ErrUnavailable)
	out, err := s.OnPush(context.Background(), p, false)
	require.NoError(t, err, "redelivered: the first target is skipped, the second copied")
	assert.False(t, out.Duplicate)
	assert.Len(t, reg.copied, 2)
}

// sized reports 100 bytes for each copy.
type sized struct{ *fakeRegistry }

func (s *sized) Sync(ctx context.Context, r core.SyncRequest) (core.Task, error) {
	t, err := s.fakeRegistry.Sync(ctx, r)
	if !t.Skipped {
		t.Bytes = 100
	}
	return t, err
}

package core_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeRegistry is a registry engine that lists tags and remembers what it
// copied; a target holding the same digest is skipped.
type fakeRegistry struct {
	mu     sync.Mutex
	tags   map[string][]string
	have   map[string]bool
	copied []string
	fail   error
}

func (f *fakeRegistry) Name() string { return "registry" }
func (f *fakeRegistry) ListTags(_ context.Context, repo string) ([]string, error) {
	return f.tags[repo], nil
}
func (f *fakeRegistry) Sync(_ context.Context, r core.SyncRequest) (core.Task, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail != nil {
		return core.Task{}, f.fail
	}
	key := r.Source.Image + ">" + r.Target.Image
	if f.have[key] {
		return core.Task{Status: core.StatusSuccess, Skipped: true}, nil
	}
	if r.DryRun {
		return core.Task{Status: core.StatusSuccess, Digest: "sha256:planned", Bytes: 42}, nil
	}
	f.have[key] = true
	f.copied = append(f.copied, key)
	return core.Task{Status: core.StatusSuccess}, nil
}

func newFake() *fakeRegistry {
	return &fakeRegistry{tags: map[string][]string{}, have: map[string]bool{}}
}

func pushRules() core.Triggers {
	return core.Triggers{OnPush: []core.PushRule{{
		Name:    "mirror",
		Match:   core.PushMatch{Registry: "src.io", Repository: "team/**", Tags: core.TagFilter{Exclude: []string{".*-rc.*"}}},
		Targets: []core.TargetTemplate{{Endpoint: core.Endpoint{Image: "dst.io/${path}:${tag}"}}},
	}}}
}

func TestOnPush(t *testing.T) {
	reg := newFake()
	s := core.New(core.WithEngine(reg), core.WithTriggers(pushRules()))
	ctx := context.Background()
	p := core.Push{Registry: "src.io", Repository: "team/app", Tag: "v1", Digest: "sha256:" + strings.Repeat("1", 64), EventID: "e1", Source: "distribution"}

	out, err := s.OnPush(ctx, p, true)
	require.NoError(t, err)
	require.Len(t, out.Planned, 1)
	assert.Equal(t, "dst.io/team/app:v1", out.Planned[0].Target.Image)
	assert.Empty(t, reg.copied, "a dry run touches nothing")

	out, err = s.OnPush(ctx, p, false)
	require.NoError(t, err)
	require.Len(t, out.Tasks, 1)
	assert.Equal(t, []string{"src.io/team/app:v1@" + p.Digest + ">dst.io/team/app:v1"}, reg.copied)

	out, err = s.OnPush(ctx, p, false)
	require.NoError(t, err)
	assert.True(t, out.Duplicate, "a redelivered event is not acted on twice")
	assert.Len(t, reg.copied, 1)

	p.Tag, p.EventID = "v2-rc1", "e2"
	out, err = s.OnPush(ctx, p, false)
	require.NoError(t, err)
	assert.Equal(t, "no push rule matches", out.Ignored)
	assert.NotEmpty(t, out.Skipped)
}

func TestOnPushTransientFailureAsksForRedelivery(t *testing.T) {
	reg := newFake()
	reg.fail = core.Errorf(core.ErrUnavailable, "registry down")
	s := core.New(core.WithEngine(reg), core.WithTriggers(pushRules()))
	p := core.Push{Registry: "src.io", Repository: "team/app", Tag: "v1", EventID: "e1", Source: "distribution"}
	out, err := s.OnPush(context.Background(), p, false)
	require.ErrorIs(t, err, core.ErrUnavailable)
	assert.Len(t, out.Failed, 1)

	reg.fail = nil
	out, err = s.OnPush(context.Background(), p, false)
	require.NoError(t, err)
	assert.False(t, out.Duplicate, "a failed delivery is not remembered as handled")
	assert.Len(t, out.Tasks, 1)
}

func TestOnTickJobs(t *testing.T) {
	reg := newFake()
	var tags []string
	for i := range 25 {
		tags = append(tags, fmt.Sprintf("1.%d.0", i))
	}
	reg.tags["src.io/team/app"] = append(tags, "latest", "dev")
	for _, tag := range tags[:10] {
		reg.have["src.io/team/app:"+tag+">dst.io/team/app:"+tag] = true
	}
	trig := core.Triggers{Jobs: []core.Job{{
		Name: "mirror", Sources: []string{"src.io/team/app"}, Tags: core.TagFilter{Semver: ">=1.0.0"},
		Targets: []core.TargetTemplate{{Endpoint: core.Endpoint{Image: "dst.io/${path}:${tag}"}}},
	}}}
	s := core.New(core.WithEngine(reg), core.WithTriggers(trig))

	out, err := s.OnTick(context.Background(), core.Tick{}, true)
	require.NoError(t, err)
	require.Len(t, out.Jobs[0].Planned, 15, "a dry run asks the engine, which compares both sides")
	assert.Equal(t, 10, out.Jobs[0].Skipped)
	assert.Equal(t, "sha256:planned", out.Jobs[0].Planned[0].Digest)
	assert.EqualValues(t, 42, out.Jobs[0].Planned[0].Bytes)
	assert.Empty(t, reg.copied)

	out, err = s.OnTick(context.Background(), core.Tick{Jobs: []string{"mirror"}}, false)
	require.NoError(t, err)
	assert.Equal(t, 15, out.Jobs[0].Copied)
	assert.Equal(t, 10, out.Jobs[0].Skipped)

	_, err = s.OnTick(context.Background(), core.Tick{Jobs: []string{"nope"}}, false)
	require.ErrorIs(t, err, core.ErrNotFound)

	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	out, err = s.OnTick(ctx, core.Tick{}, false)
	require.ErrorIs(t, err, core.ErrUnavailable, "work left for lack of time asks for a fresh invocation")
	assert.Equal(t, 25, out.Jobs[0].Remaining, "no copy starts that the deadline leaves no time for")
}

// fakeAutoSyncer keeps auto-syncs in memory.
type fakeAutoSyncer struct {
	fakeEngine
	rules []core.AutoSync
}

func (f *fakeAutoSyncer) AutoSyncs(context.Context, core.Endpoint) ([]core.AutoSync, error) {
	return f.rules, nil
}
func (f *fakeAutoSyncer) CreateAutoSync(_ context.Context, a core.AutoSync) (core.AutoSync, error) {
	a.ID = fmt.Sprint(len(f.rules) + 1)
	f.rules = append(f.rules, a)
	return a, nil
}
func (f *fakeAutoSyncer) DeleteAutoSync(_ context.Context, a core.AutoSync) error {
	for i, r := range f.rules {
		if r.ID == a.ID {
			f.rules = append(f.rules[:i], f.rules[i+1:]...)
		}
	}
	return nil
}

func TestOnTickReconciles(t *testing.T) {
	want := core.AutoSync{Name: "imagesync-a", Engine: "acr",
		Source: core.Endpoint{Engine: "acr", Region: "cn-hangzhou", Instance: "cri-a", Namespace: "ns", Repository: "app"},
		Target: core.Endpoint{Engine: "acr", Region: "cn-beijing", Instance: "cri-b", Namespace: "ns", Repository: "app"}}
	stale, foreign := want, want
	stale.Name, stale.ID, stale.Target.Namespace = "imagesync-old", "9", "old"
	foreign.Name, foreign.ID, foreign.Target.Namespace = "hand-made", "8", "other"
	acr := &fakeAutoSyncer{fakeEngine: fakeEngine{name: "acr"}, rules: []core.AutoSync{stale, foreign}}
	s := core.New(core.WithEngine(acr), core.WithTriggers(core.Triggers{AutoSync: []core.AutoSync{want}}))

	out, err := s.OnTick(context.Background(), core.Tick{}, false)
	require.NoError(t, err)
	assert.Len(t, out.AutoSync.Created, 1)
	assert.Len(t, out.AutoSync.Deleted, 1)
	names := []string{}
	for _, r := range acr.rules {
		names = append(names, r.Name)
	}
	assert.ElementsMatch(t, []string{"hand-made", "imagesync-a"}, names)

	out, err = s.OnTick(context.Background(), core.Tick{}, false)
	require.NoError(t, err)
	assert.Empty(t, out.AutoSync.Created)
	assert.Equal(t, 1, out.AutoSync.Kept)
}

func TestTriggersValidatePaths(t *testing.T) {
	trig := pushRules()
	trig.OnPush[0].Targets[0].Image = "dst.io/${nope}:${tag}"
	trig.Jobs = []core.Job{{Name: "mirror", Sources: []string{"src.io/Bad"}}, {Name: "mirror", Sources: []string{"src.io/a"},
		Targets: []core.TargetTemplate{{Endpoint: core.Endpoint{Image: "dst.io/${path}"}}}}}
	err := trig.Validate()
	require.ErrorIs(t, err, core.ErrInvalid)
	fs := fields(err)
	assert.Contains(t, fs, "jobs[0].sources[0]")
	assert.Contains(t, fs, "jobs[0].targets")
	assert.Contains(t, fs, "jobs[1].name", "duplicate job names are refused")
	assert.True(t, strings.HasPrefix(fs[0], "onPush[0].targets[0]"), fs)
}

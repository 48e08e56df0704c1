package core_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// memRegistry is a fake registry engine: repositories (host/path) to
// their tags; Sync copies a tag, DeleteTag deletes one.
type memRegistry struct {
	mu      sync.Mutex
	repos   map[string]map[string]bool
	deleted []string
	refuse  map[string]error // DeleteTag answers for these refs
}

func (m *memRegistry) Name() string { return core.EngineRegistry }

func (m *memRegistry) Sync(_ context.Context, r core.SyncRequest) (core.Task, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if r.DryRun {
		return core.Task{Status: core.StatusSuccess}, nil
	}
	ref, _ := r.Target.Ref()
	if ref.Tag == "" {
		src, _ := r.Source.Ref()
		ref.Tag = src.Tag
	}
	if m.repos[ref.Name()] == nil {
		m.repos[ref.Name()] = map[string]bool{}
	}
	m.repos[ref.Name()][ref.Tag] = true
	return core.Task{Status: core.StatusSuccess}, nil
}

func (m *memRegistry) ListTags(_ context.Context, repo string) ([]string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	tags, ok := m.repos[repo]
	if !ok {
		return nil, core.Errorf(core.ErrNotFound, "no repository %s", repo)
	}
	var out []string
	for t := range tags {
		out = append(out, t)
	}
	return out, nil
}

func (m *memRegistry) DeleteTag(_ context.Context, ref string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.refuse[ref]; err != nil {
		return err
	}
	i := strings.LastIndexByte(ref, ':')
	delete(m.repos[ref[:i]], ref[i+1:])
	m.deleted = append(m.deleted, ref)
	return nil
}

func (m *memRegistry) PlanDeleteTag(_ context.Context, ref string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.refuse[ref]
}

func set(tags ...string) map[string]bool {
	m := map[string]bool{}
	for _, t := range tags {
		m[t] = true
	}
	return m
}

func pruneJob() core.Job {
	return core.Job{Name: "mirror", Sources: []string{"src.io/team/app"}, Prune: true,
		Owns: []string{"dst.io/mirror/**"}, Tags: core.TagFilter{Include: []string{`v.*`}},
		Targets: []core.TargetTemplate{tmpl("dst.io/mirror/${name}"), tmpl("other.io/${path}")}}
}

func TestPruneDeletesOnlyOwnedFilteredGoneTags(t *testing.T) {
	reg := &memRegistry{repos: map[string]map[string]bool{
		"src.io/team/app":   set("v1", "v2", "dev"),
		"dst.io/mirror/app": set("v1", "v0", "v-old", "keep-me", "v9"),
		"other.io/team/app": set("v0"),
	}, refuse: map[string]error{"dst.io/mirror/app:v9": core.Errorf(core.ErrConflict, "tag v1 also points at its digest")}}
	job := pruneJob()
	require.NoError(t, job.Validate())
	s := core.New(core.WithEngine(reg), core.WithTriggers(core.Triggers{Jobs: []core.Job{job}}))

	dry, err := s.OnTick(context.Background(), core.Tick{}, true)
	require.NoError(t, err)
	assert.Equal(t, []string{"dst.io/mirror/app:v-old", "dst.io/mirror/app:v0"}, dry.Jobs[0].Pruned, "v9 would be kept")
	require.Len(t, dry.Jobs[0].NotPruned, 1)
	assert.Equal(t, "conflict", dry.Jobs[0].NotPruned[0].Kind)
	assert.Empty(t, reg.deleted, "a dry run deletes nothing")

	out, err := s.OnTick(context.Background(), core.Tick{}, false)
	require.NoError(t, err)
	jo := out.Jobs[0]
	assert.Equal(t, 4, jo.Copied+jo.Skipped, "v1 and v2 to two targets")
	assert.Equal(t, dry.Jobs[0].Pruned, jo.Pruned, "the dry run planned what the run did")
	assert.Equal(t, dry.Jobs[0].NotPruned, jo.NotPruned)
	assert.Equal(t, set("v1", "v2", "keep-me", "v9"), reg.repos["dst.io/mirror/app"], "dev is not copied, keep-me fails the filter")
	assert.True(t, reg.repos["other.io/team/app"]["v0"], "a repository the job does not own keeps its tags")
	assert.Contains(t, strings.Join(jo.Notes, "\n"), "other.io/team/app matches none of owns")
}

func TestPruneSafetyStops(t *testing.T) {
	reg := &memRegistry{repos: map[string]map[string]bool{
		"src.io/team/app":   set(),
		"dst.io/mirror/app": set("v1"),
	}}
	job := pruneJob()
	job.Targets = job.Targets[:1]
	s := core.New(core.WithEngine(reg), core.WithTriggers(core.Triggers{Jobs: []core.Job{job}}))
	out, err := s.OnTick(context.Background(), core.Tick{}, false)
	require.NoError(t, err)
	assert.Empty(t, out.Jobs[0].Pruned)
	assert.Contains(t, strings.Join(out.Jobs[0].Notes, "\n"), "lists no tag")

	delete(reg.repos, "src.io/team/app") // listing fails
	out, err = s.OnTick(context.Background(), core.Tick{}, false)
	require.NoError(t, err)
	assert.Empty(t, out.Jobs[0].Pruned)
	assert.Contains(t, strings.Join(out.Jobs[0].Notes, "\n"), "could not be listed")
	assert.Empty(t, reg.deleted)
}

func TestPruneRefusedByTriggerPolicy(t *testing.T) {
	reg := &memRegistry{repos: map[string]map[string]bool{
		"src.io/team/app": set("v1"), "dst.io/mirror/app": set("v0")}}
	job := pruneJob()
	job.Targets = job.Targets[:1]
	pol := &core.Policy{Name: "t", Sources: []core.Allow{{}}, Targets: []core.Allow{{Repository: "mirror/app"}}}
	s := core.New(core.WithEngine(reg), core.WithTriggers(core.Triggers{Jobs: []core.Job{job}}),
		core.WithTriggerPolicy(pol))
	out, err := s.OnTick(context.Background(), core.Tick{}, false)
	require.NoError(t, err)
	assert.Equal(t, []string{"dst.io/mirror/app:v0"}, out.Jobs[0].Pruned)

	pol.Targets = []core.Allow{{Repository: "mirror/app", Registry: "nowhere.io"}}
	reg.repos["dst.io/mirror/app"]["v00"] = true
	out, _ = s.OnTick(context.Background(), core.Tick{}, false)
	require.Len(t, out.Jobs[0].NotPruned, 1)
	assert.Equal(t, "forbidden", out.Jobs[0].NotPruned[0].Kind)
}

func TestPruneValidate(t *testing.T) {
	job := pruneJob()
	job.Owns = nil
	job.Targets = []core.TargetTemplate{tmpl("dst.io/${name}:${tag}-x"), tmpl("dst.io/${tag}/app"),
		{Endpoint: acr("ns", "repo-${tag}", "")}, tmpl("dst.io/ok/${name}:${tag}"), {Endpoint: acr("ns", "repo", "")},
		{Endpoint: core.Endpoint{Engine: core.EngineHSS, Region: "cn-north-4", Project: "p"}}}
	assert.ElementsMatch(t, []string{"owns", "targets[0]", "targets[1]", "targets[2]", "targets[5]", "targets[5].registries"}, fields(job.Validate()),
		"ACR EE and SWR coordinates are prunable when their repository does not depend on ${tag}")
	job = pruneJob()
	job.Owns = []string{"", "dst.io/[x"}
	assert.ElementsMatch(t, []string{"owns[0]", "owns[1]"}, fields(job.Validate()))
}

// coordRegistry is memRegistry that also names the registry of ACR EE
// coordinates, as the registry engine does: acr.io/<namespace>/<repository>.
type coordRegistry struct{ *memRegistry }

func (c coordRegistry) ResolveRepository(_ context.Context, ep core.Endpoint) (string, error) {
	if ep.Tag != "" || ep.Digest != "" {
		return "", core.Errorf(core.ErrInvalid, "a repository has no tag")
	}
	return "acr.io/" + ep.Namespace + "/" + ep.Repository, nil
}

func (c coordRegistry) Sync(ctx context.Context, r core.SyncRequest) (core.Task, error) {
	if r.Target.Kind() == core.EngineACR {
		repo, _ := c.ResolveRepository(ctx, core.Endpoint{Namespace: r.Target.Namespace, Repository: r.Target.Repository})
		r.Target = core.Endpoint{Image: repo + ":" + r.Target.Tag}
	}
	return c.memRegistry.Sync(ctx, r)
}

func TestPruneCoordinateTargets(t *testing.T) {
	reg := coordRegistry{&memRegistry{repos: map[string]map[string]bool{
		"src.io/team/app":    set("v1", "v2"),
		"acr.io/mirror/app":  set("v0", "v1", "dev"),
		"acr.io/other/thing": set("v0")}}}
	job := core.Job{Name: "to-acr", Sources: []string{"src.io/team/app"}, Prune: true, Owns: []string{"acr.io/mirror/*"},
		Tags:    core.TagFilter{Include: []string{`v.*`}},
		Targets: []core.TargetTemplate{{Endpoint: acr("mirror", "${name}", "${tag}")}, {Endpoint: acr("other", "thing", "")}}}
	require.NoError(t, job.Validate())
	s := core.New(core.WithEngine(reg))
	out, err := s.RunJob(context.Background(), job, false)
	require.NoError(t, err)
	assert.Equal(t, []string{"acr.io/mirror/app:v0"}, out.Pruned)
	assert.Equal(t, set("v1", "v2", "dev"), reg.repos["acr.io/mirror/app"], "dev fails the filter")
	assert.True(t, reg.repos["acr.io/other/thing"]["v0"], "not owned")
	assert.Contains(t, strings.Join(out.Notes, "\n"), "acr.io/other/thing matches none of owns")

	plain := core.New(core.WithEngine(reg.memRegistry)) // cannot name coordinates: prunes nothing
	reg.repos["acr.io/mirror/app"]["v0"] = true
	out, err = plain.RunJob(context.Background(), job, true)
	require.NoError(t, err)
	assert.Empty(t, out.Pruned)
	assert.Contains(t, strings.Join(out.Notes, "\n"), "cannot name the registry of acr targets")
}

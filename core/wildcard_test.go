package core_test

import (
	"context"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseWildcard(t *testing.T) {
	for _, tc := range []struct {
		in, host, prefix, reason string
	}{
		{in: "reg.example.com/team/**", host: "reg.example.com", prefix: "team"},
		{in: "reg.example.com/team/sub/**", host: "reg.example.com", prefix: "team/sub"},
		{in: "reg.example.com/**", host: "reg.example.com"},
		{in: "localhost:5000/**", host: "localhost:5000"},
		{in: "docker.io/library/**", host: "docker.io", prefix: "library"},
		{in: "docker.io/**", reason: "Docker Hub cannot be listed whole"},
		{in: "team/**", reason: "name the registry host"},
		{in: "reg.example.com/te*/**", reason: "only a trailing /**"},
		{in: "reg.example.com/**/app/**", reason: "only a trailing /**"},
		{in: "reg.example.com/Team/**", reason: "path component"},
		{in: "reg.example.com/team", reason: "ends in /**"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			w, reason := core.ParseWildcard(tc.in)
			if tc.reason != "" {
				assert.Contains(t, reason, tc.reason)
				return
			}
			require.Empty(t, reason)
			assert.Equal(t, core.Wildcard{Registry: tc.host, Prefix: tc.prefix}, w)
			assert.Equal(t, tc.in, w.String())
		})
	}
}

func TestUnderPrefix(t *testing.T) {
	assert.True(t, core.UnderPrefix("", "a/b"))
	assert.True(t, core.UnderPrefix("team", "team"))
	assert.True(t, core.UnderPrefix("team", "team/app"))
	assert.False(t, core.UnderPrefix("team", "teams/app"))
	assert.False(t, core.UnderPrefix("team/app", "team"))
}

func TestJobValidatesWildcardsAndExcludes(t *testing.T) {
	job := core.Job{Name: "all", Sources: []string{"reg.example.com/team/**", "team/**", "reg.example.com/a*/**"},
		Exclude: []string{"", "team/[", "team/legacy/**"}, Targets: []core.TargetTemplate{{Endpoint: core.Endpoint{Image: "m.example.org/${path}"}}}}
	err := job.Validate()
	require.Error(t, err)
	msg := err.Error()
	for _, want := range []string{"sources[1]: name the registry host", "sources[2]: only a trailing /**", "exclude[0]: empty", "exclude[1]: invalid glob"} {
		assert.Contains(t, msg, want)
	}
	assert.NotContains(t, msg, "sources[0]")
	assert.NotContains(t, msg, "exclude[2]")
}

// catalogRegistry is a memRegistry that lists its repositories and skips
// a sync whose target tag is in place.
type catalogRegistry struct {
	memRegistry
	problems []string
	fail     error
	listed   []string // the host/prefix of each listing
}

func (c *catalogRegistry) ListRepositories(_ context.Context, host, prefix string) (core.Listing, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.listed = append(c.listed, host+"|"+prefix)
	if c.fail != nil {
		return core.Listing{}, c.fail
	}
	var out []string
	for name := range c.repos {
		if path, ok := strings.CutPrefix(name, host+"/"); ok && core.UnderPrefix(prefix, path) {
			out = append(out, path)
		}
	}
	sort.Strings(out)
	return core.Listing{Repositories: out, Problems: c.problems}, nil
}

func (c *catalogRegistry) Sync(ctx context.Context, r core.SyncRequest) (core.Task, error) {
	ref, _ := r.Target.Ref()
	if ref.Tag == "" {
		src, _ := r.Source.Ref()
		ref.Tag = src.Tag
	}
	c.mu.Lock()
	in := c.repos[ref.Name()][ref.Tag]
	c.mu.Unlock()
	if in {
		return core.Task{Status: core.StatusSuccess, Skipped: true}, nil
	}
	return c.memRegistry.Sync(ctx, r)
}

func (c *catalogRegistry) has(repo, tag string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.repos[repo][tag]
}

func teamRegistry() *catalogRegistry {
	return &catalogRegistry{memRegistry: memRegistry{repos: map[string]map[string]bool{
		"src.io/team/app":        set("v1", "v2"),
		"src.io/team/sub/tool":   set("v1"),
		"src.io/team/legacy/old": set("v1"),
		"src.io/teams/other":     set("v1"),
		"src.io/other/app":       set("v1"),
	}}}
}

func TestWildcardJobCopiesTheTreeUnderItsPrefix(t *testing.T) {
	reg := teamRegistry()
	job := core.Job{Name: "team", Sources: []string{"src.io/team/**", "src.io/team/app"}, Exclude: []string{"team/legacy/**"},
		Targets: []core.TargetTemplate{{Endpoint: core.Endpoint{Image: "dst.io/mirror/${path}"}}}}
	s := core.New(core.WithEngine(reg), core.WithTriggers(core.Triggers{Jobs: []core.Job{job}}))

	out, err := s.OnTick(context.Background(), core.Tick{}, false)
	require.NoError(t, err)
	require.Len(t, out.Jobs, 1)
	assert.Equal(t, 3, out.Jobs[0].Copied, "team/app twice named, synced once")
	assert.True(t, reg.has("dst.io/mirror/team/app", "v2"))
	assert.True(t, reg.has("dst.io/mirror/team/sub/tool", "v1"), "the tree is kept")
	assert.False(t, reg.has("dst.io/mirror/team/legacy/old", "v1"), "excluded")
	assert.False(t, reg.has("dst.io/mirror/teams/other", "v1"), "teams is not under team")
	assert.Equal(t, []string{"src.io|team"}, reg.listed)

	out, err = s.OnTick(context.Background(), core.Tick{}, false)
	require.NoError(t, err)
	assert.Equal(t, 0, out.Jobs[0].Copied)
	assert.Equal(t, 3, out.Jobs[0].Skipped, "a second tick is a no-op")
}

func TestWildcardListingFailuresAreReported(t *testing.T) {
	reg := teamRegistry()
	reg.problems = []string{"project team2: forbidden"}
	job := core.Job{Name: "all", Sources: []string{"src.io/**"}, Exclude: []string{"src.io/team/**", "other/*"},
		Targets: []core.TargetTemplate{{Endpoint: core.Endpoint{Image: "dst.io/${path}"}}}}
	s := core.New(core.WithEngine(reg))

	out, err := s.RunJob(context.Background(), job, false)
	require.NoError(t, err)
	assert.Equal(t, 1, out.Copied, "only teams/other: the rest is excluded by path and by host/path")
	assert.Contains(t, out.Notes, "source src.io/**: project team2: forbidden")

	reg.fail = core.Errorf(core.ErrUnavailable, "catalog down")
	out, err = s.RunJob(context.Background(), job, false)
	require.Error(t, err, "a listing that may pass on a retry asks for one")
	assert.Equal(t, []string{"src.io/**"}, out.Unlisted)
	assert.Contains(t, strings.Join(out.Notes, "\n"), "catalog down")
}

func TestWildcardJobPrunesWhatItListed(t *testing.T) {
	reg := teamRegistry()
	reg.repos["dst.io/mirror/team/app"] = set("v0")
	job := core.Job{Name: "team", Sources: []string{"src.io/team/**"}, Prune: true, Owns: []string{"dst.io/mirror/**"},
		Targets: []core.TargetTemplate{{Endpoint: core.Endpoint{Image: "dst.io/mirror/${path}"}}}}
	s := core.New(core.WithEngine(reg))

	out, err := s.RunJob(context.Background(), job, false)
	require.NoError(t, err)
	assert.Equal(t, []string{"dst.io/mirror/team/app:v0"}, out.Pruned)
}

func TestCatchUpRulesRunOnTicksThatNameNoJob(t *testing.T) {
	reg := teamRegistry()
	rule := core.PushRule{Name: "mirror-team", CatchUp: true,
		Match:   core.PushMatch{Registry: "src.io", Repository: "team/*", Tags: core.TagFilter{Exclude: []string{"v1"}}},
		Targets: []core.TargetTemplate{{Endpoint: core.Endpoint{Image: "dst.io/${path}:${tag}"}}}}
	job := core.Job{Name: "other", Sources: []string{"src.io/other/app"}, Targets: []core.TargetTemplate{{Endpoint: core.Endpoint{Image: "dst.io/other/app"}}}}
	triggers := core.Triggers{OnPush: []core.PushRule{rule}, Jobs: []core.Job{job}}
	require.NoError(t, triggers.Validate())
	s := core.New(core.WithEngine(reg), core.WithTriggers(triggers))

	out, err := s.OnTick(context.Background(), core.Tick{Jobs: []string{"other"}}, false)
	require.NoError(t, err)
	require.Len(t, out.Jobs, 1, "a tick naming jobs runs no catch-up")
	assert.Empty(t, reg.listed)

	out, err = s.OnTick(context.Background(), core.Tick{}, false)
	require.NoError(t, err)
	require.Len(t, out.Jobs, 2)
	up := out.Jobs[1]
	assert.Equal(t, "onPush/mirror-team", up.Name)
	assert.Equal(t, 1, up.Copied, "team/app:v2 only: team/* does not match team/sub/tool, v1 is excluded")
	assert.True(t, reg.has("dst.io/team/app", "v2"))
	assert.Equal(t, []string{"src.io|team"}, reg.listed)

	out, err = s.OnTick(context.Background(), core.Tick{}, false)
	require.NoError(t, err)
	assert.Equal(t, 1, out.Jobs[1].Skipped, "caught up: nothing to do")
}

func TestCatchUpNeedsOneHost(t *testing.T) {
	for _, tc := range []struct {
		registry, repo string
		ok             bool
	}{
		{"src.io", "team/**", true},
		{"src.io", "", true},
		{"src.io", "*/app", true},
		{"*.example.com", "team/**", false},
		{"", "team/**", false},
		{"docker.io", "*/app", false},
	} {
		t.Run(tc.registry+"|"+tc.repo, func(t *testing.T) {
			r := core.PushRule{Name: "r", CatchUp: true, Match: core.PushMatch{Registry: tc.registry, Repository: tc.repo},
				Targets: []core.TargetTemplate{{Endpoint: core.Endpoint{Image: "dst.io/${path}:${tag}"}}}}
			err := r.Validate()
			if tc.ok {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.True(t, slices.ContainsFunc(err.(*core.ValidationError).Fields, func(f core.FieldError) bool { return f.Field == "catchUp" }), err.Error())
		})
	}
}

func FuzzParseWildcard(f *testing.F) {
	for _, s := range []string{"reg.example.com/team/**", "reg.example.com/**", "docker.io/**", "a/**", "x.io/a*/**", "[::1]:5000/a/**"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, reason := core.ParseWildcard(s)
		if reason != "" {
			return
		}
		if w.String() != s {
			t.Fatalf("%q parsed as %+v, written back as %q", s, w, w.String())
		}
		if w.Prefix != "" && !w.Holds(w.Prefix+"/x") {
			t.Fatalf("%q does not hold its own prefix", s)
		}
	})
}

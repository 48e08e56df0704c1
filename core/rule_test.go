package core_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var dig = "sha256:" + strings.Repeat("a", 64)

func tmpl(image string) core.TargetTemplate {
	return core.TargetTemplate{Endpoint: core.Endpoint{Image: image}}
}

func TestTemplateExpand(t *testing.T) {
	vars := core.VarsOf("reg.io:5000", "team/sub/app", "v1", dig)
	cases := []struct {
		image, want, reason string
	}{
		{"mirror.io/${path}:${tag}", "mirror.io/team/sub/app:v1", ""},
		{"mirror.io/${namespace}/x/${repository}", "mirror.io/team/x/sub/app", ""},
		{"mirror.io/flat/${name}", "mirror.io/flat/app", ""},
		{"${registry}/copy/${path}", "reg.io:5000/copy/team/sub/app", ""},
		{"mirror.io/${nope}", "", "unknown variable ${nope}"},
		{"mirror.io/${path", "", "unterminated"},
	}
	for _, c := range cases {
		e, reasons := tmpl(c.image).Expand(vars)
		if c.reason != "" {
			assert.Contains(t, reasons["image"], c.reason, c.image)
			continue
		}
		assert.Empty(t, reasons, c.image)
		assert.Equal(t, c.want, e.Image)
	}
	_, reasons := tmpl("m.io/${path}:${tag}").Expand(core.VarsOf("r.io", "app", "", dig))
	assert.Contains(t, reasons["image"], "${tag} is empty")
	e, reasons := core.TargetTemplate{Endpoint: core.Endpoint{Engine: "swr", Region: "cn-north-4",
		Namespace: "${namespace}", Repository: "${repository}", Tag: "${tag}"}}.Expand(core.VarsOf("r.io", "app", "", dig))
	assert.Empty(t, reasons, "an empty tag is fine outside an image: it defaults to the source's")
	assert.Equal(t, "app", e.Repository)
}

func TestPushRulePlan(t *testing.T) {
	rule := core.PushRule{
		Name:    "mirror",
		Match:   core.PushMatch{Registry: "reg.io*", Repository: "team/**", Tags: core.TagFilter{Semver: "^1"}},
		Targets: []core.TargetTemplate{tmpl("mirror.io/${path}:${tag}"), {Endpoint: core.Endpoint{Image: "backup.io/${name}"}, Override: true, After: []string{"hss"}}},
	}
	push := core.Push{Registry: "reg.io:5000", Repository: "team/app", Tag: "v1.2.0", Digest: dig, Source: "distribution"}
	reqs, reason := rule.Plan(push)
	assert.Empty(t, reason)
	require.Len(t, reqs, 2)
	assert.Equal(t, "reg.io:5000/team/app:v1.2.0@"+dig, reqs[0].Source.Image)
	assert.Equal(t, "mirror.io/team/app:v1.2.0", reqs[0].Target.Image)
	assert.Equal(t, "backup.io/app", reqs[1].Target.Image)
	assert.True(t, reqs[1].Override)
	assert.Equal(t, []string{"hss"}, reqs[1].After)

	misses := []struct {
		name   string
		push   core.Push
		reason string
	}{
		{"registry", core.Push{Registry: "other.io", Repository: "team/app", Tag: "v1.0.0"}, "registry other.io does not match"},
		{"repository", core.Push{Registry: "reg.io", Repository: "ops/app", Tag: "v1.0.0"}, "repository ops/app does not match"},
		{"semver", core.Push{Registry: "reg.io", Repository: "team/app", Tag: "v2.0.0"}, "outside the semver range"},
		{"digest only", core.Push{Registry: "reg.io", Repository: "team/app", Digest: dig}, "no tag"},
		{"nothing", core.Push{Registry: "reg.io", Repository: "team/app"}, "neither tag nor digest"},
	}
	for _, m := range misses {
		reqs, reason := rule.Plan(m.push)
		assert.Empty(t, reqs, m.name)
		assert.Contains(t, reason, m.reason, m.name)
	}
}

func TestPushRulePlanRefusesInvalidTargets(t *testing.T) {
	rule := core.PushRule{Name: "r", Targets: []core.TargetTemplate{
		tmpl("mirror.io/${path}:${tag}"),
		tmpl("Mirror.io/UPPER/${path}"),
		{Endpoint: core.Endpoint{Engine: "acr", Namespace: "${namespace}"}},
	}}
	reqs, reason := rule.Plan(core.Push{Registry: "r.io", Repository: "team/app", Tag: "v1"})
	require.Len(t, reqs, 1)
	assert.Contains(t, reason, "targets[1]")
	assert.Contains(t, reason, "targets[2]")

	reqs, reason = core.PushRule{Name: "r", Targets: []core.TargetTemplate{tmpl("m.io/${path}")}}.
		Plan(core.Push{Repository: "team/app", Tag: "v1", Source: "acr"})
	assert.Empty(t, reqs)
	assert.Contains(t, reason, "no registry host")
}

func TestPushRuleSourceTemplate(t *testing.T) {
	acrEP := func(ns, repo, tag string) core.Endpoint {
		return core.Endpoint{Engine: "acr", Region: "${region}", Instance: "${instance}", Namespace: ns, Repository: repo, Tag: tag}
	}
	rule := core.PushRule{Name: "native", Source: ptr(acrEP("${namespace}", "${repository}", "${tag}")),
		Targets: []core.TargetTemplate{{Endpoint: core.Endpoint{Engine: "acr", Region: "cn-beijing", Instance: "cri-target1", Namespace: "${namespace}", Repository: "${repository}"}}}}
	require.NoError(t, rule.Validate())
	reqs, reason := rule.Plan(core.Push{Repository: "team/app", Tag: "v1", Region: "cn-hangzhou", Instance: "cri-src1", Source: "acr-eventbridge"})
	require.Empty(t, reason)
	require.Len(t, reqs, 1)
	assert.Equal(t, "acr", core.Route(reqs[0]))
	assert.Equal(t, "cn-hangzhou", reqs[0].Source.Region)
}

func ptr[T any](v T) *T { return &v }

func TestPlanPush(t *testing.T) {
	rules := []core.PushRule{
		{Name: "a", Match: core.PushMatch{Repository: "team/*"}, Targets: []core.TargetTemplate{tmpl("m.io/${path}")}},
		{Name: "b", Targets: []core.TargetTemplate{tmpl("m.io/${path}"), tmpl("n.io/${path}")}},
		{Name: "c", Match: core.PushMatch{Repository: "ops/*"}, Targets: []core.TargetTemplate{tmpl("o.io/${path}")}},
	}
	reqs, skipped := core.PlanPush(rules, core.Push{Registry: "r.io", Repository: "team/app", Tag: "v1"})
	require.Len(t, reqs, 2, "identical syncs from two rules are planned once")
	assert.Equal(t, "n.io/team/app", reqs[1].Target.Image)
	assert.Equal(t, []string{"rule c: repository team/app does not match ops/*"}, skipped)
}

func TestPushRuleValidate(t *testing.T) {
	good := core.PushRule{Name: "mirror-1", Match: core.PushMatch{Registry: "*.example.com", Repository: "team/**"},
		Targets: []core.TargetTemplate{tmpl("mirror.io/${path}:${tag}")}}
	require.NoError(t, good.Validate())

	bad := core.PushRule{
		Name:  "",
		Match: core.PushMatch{Repository: "team/a**", Tags: core.TagFilter{Include: []string{"("}, Latest: 2}},
		Targets: []core.TargetTemplate{
			tmpl("mirror.io/${bogus}"),
			{Endpoint: core.Endpoint{Engine: "swr", Region: "nowhere", Namespace: "${namespace}", Repository: "${repository}"}},
			{Endpoint: core.Endpoint{Image: "m.io/${path}"}, Via: "swr", After: []string{"acr"}},
		},
	}
	assert.ElementsMatch(t, []string{"name", "match.repository", "match.tags.include[0]", "match.tags.latest",
		"targets[0].image", "targets[1].region", "targets[2].via", "targets[2].after[0]"}, fields(bad.Validate()))
	assert.Equal(t, []string{"targets"}, fields(core.PushRule{Name: "x"}.Validate()))
}

func TestPushRuleJSON(t *testing.T) {
	var r core.PushRule
	require.NoError(t, json.Unmarshal([]byte(`{"name":"m","match":{"repository":"team/**","tags":{"semver":"^1"}},
		"targets":[{"image":"m.io/${path}:${tag}","override":true,"via":"registry","after":["hss"]},
		{"engine":"swr","region":"cn-north-4","namespace":"${namespace}","repository":"${repository}"}]}`), &r))
	assert.Equal(t, "m.io/${path}:${tag}", r.Targets[0].Image)
	assert.Equal(t, "registry", r.Targets[0].Via)
	assert.Equal(t, "swr", r.Targets[1].Engine)
	assert.Equal(t, "^1", r.Match.Tags.Semver)
}

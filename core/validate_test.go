package core_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func fields(err error) []string {
	var v *core.ValidationError
	if !errors.As(err, &v) {
		return nil
	}
	var out []string
	for _, f := range v.Fields {
		out = append(out, f.Field)
	}
	return out
}

func img(s string) core.Endpoint { return core.Endpoint{Image: s} }

func swr(ns, repo, tag string) core.Endpoint {
	return core.Endpoint{Engine: "swr", Region: "cn-north-4", Namespace: ns, Repository: repo, Tag: tag}
}

func acr(ns, repo, tag string) core.Endpoint {
	return core.Endpoint{Engine: "acr", Region: "cn-hangzhou", Instance: "cri-abc123", Namespace: ns, Repository: repo, Tag: tag}
}

func TestValidate(t *testing.T) {
	digest := "sha256:" + strings.Repeat("a", 64)
	cases := []struct {
		name string
		req  core.SyncRequest
		want []string // field paths; nil means valid
	}{
		{"plain tags", core.SyncRequest{Source: img("localhost:5000/a/b:v1"), Target: img("127.0.0.1:5001/c:v1")}, nil},
		{"docker hub short name", core.SyncRequest{Source: img("nginx:1.27"), Target: img("reg.example.com/mirror/nginx")}, nil},
		{"source by digest", core.SyncRequest{Source: img("r.io/a@" + digest), Target: img("s.io/a:x")}, nil},
		{"ipv6 host", core.SyncRequest{Source: img("[::1]:5000/a:b"), Target: img("[::1]:5001/a")}, nil},
		{"missing target", core.SyncRequest{Source: img("r.io/a:b")}, []string{"target"}},
		{"missing both", core.SyncRequest{}, []string{"source", "target"}},
		{"bad name", core.SyncRequest{Source: img("r.io/Upper:b"), Target: img("s.io/a")}, []string{"source.image"}},
		{"bad tag", core.SyncRequest{Source: img("r.io/a:-bad"), Target: img("s.io/a")}, []string{"source.image"}},
		{"tag too long", core.SyncRequest{Source: img("r.io/a:" + strings.Repeat("t", 129)), Target: img("s.io/a")}, []string{"source.image"}},
		{"bad digest", core.SyncRequest{Source: img("r.io/a@sha256:abc"), Target: img("s.io/a")}, []string{"source.image"}},
		{"source without tag", core.SyncRequest{Source: img("r.io/a"), Target: img("s.io/a")}, []string{"source.image"}},
		{"target by digest", core.SyncRequest{Source: img("r.io/a:b"), Target: img("s.io/a@" + digest)}, []string{"target.image"}},
		{"double separator", core.SyncRequest{Source: img("r.io/a..b:c"), Target: img("s.io/a")}, []string{"source.image"}},
		{"empty component", core.SyncRequest{Source: img("r.io/a//b:c"), Target: img("s.io/a")}, []string{"source.image"}},
		{"bad port", core.SyncRequest{Source: img("r.io:99999x/a:c"), Target: img("s.io/a")}, []string{"source.image"}},
		{"image and engine", core.SyncRequest{Source: core.Endpoint{Image: "r.io/a:b", Engine: "acr"}, Target: img("s.io/a")}, []string{"source.engine"}},

		{"swr ok", core.SyncRequest{Source: swr("team", "app/web", "v1"), Target: core.Endpoint{Engine: "swr", Region: "ap-southeast-1", Namespace: "a__b", Repository: "app/web"}}, nil},
		{"swr bad namespace", core.SyncRequest{Source: swr("team", "app", "v1"), Target: swr("a___b", "app", "")}, []string{"target.namespace"}},
		{"swr namespace ._", core.SyncRequest{Source: swr("a._b", "app", "v1"), Target: swr("a-.b", "app", "")}, []string{"source.namespace", "target.namespace"}},
		{"swr namespace digit first", core.SyncRequest{Source: swr("1team", "app", "v1"), Target: swr("team", "app", "")}, []string{"source.namespace"}},
		{"swr namespace too long", core.SyncRequest{Source: swr("a"+strings.Repeat("b", 64), "app", "v1"), Target: swr("team", "app", "")}, []string{"source.namespace"}},
		{"swr bad repository", core.SyncRequest{Source: swr("team", "x//y", "v1"), Target: swr("team", "app", "")}, []string{"source.repository"}},
		{"swr repository trailing", core.SyncRequest{Source: swr("team", "app-", "v1"), Target: swr("team", "app", "")}, []string{"source.repository"}},
		{"swr bad region", core.SyncRequest{Source: core.Endpoint{Engine: "swr", Region: "north", Namespace: "t", Repository: "a", Tag: "v"}, Target: swr("t", "a", "")}, []string{"source.region"}},
		{"swr source without tag", core.SyncRequest{Source: swr("team", "app", ""), Target: swr("team", "app", "")}, []string{"source.tag"}},
		{"swr all fields missing", core.SyncRequest{Source: core.Endpoint{Engine: "swr"}, Target: swr("t", "a", "")},
			[]string{"source.region", "source.namespace", "source.repository", "source.tag"}},

		{"acr ok", core.SyncRequest{Source: acr("ns", "repo", "v1"), Target: core.Endpoint{Engine: "acr", Region: "cn-shanghai", Instance: "cri-xyz", Namespace: "ns2", Repository: "repo", Account: "1234567890"}}, nil},
		{"acr bad instance", core.SyncRequest{Source: core.Endpoint{Engine: "acr", Region: "cn-hangzhou", Instance: "i-abc", Namespace: "ns", Repository: "repo", Tag: "v"}, Target: acr("ns", "repo", "")}, []string{"source.instance"}},
		{"acr bad account", core.SyncRequest{Source: acr("ns", "repo", "v1"), Target: core.Endpoint{Engine: "acr", Region: "cn-hangzhou", Instance: "cri-x", Namespace: "ns", Repository: "repo", Account: "abc"}}, []string{"target.account"}},
		{"acr bad region", core.SyncRequest{Source: acr("ns", "repo", "v1"), Target: core.Endpoint{Engine: "acr", Region: "Hangzhou", Instance: "cri-x", Namespace: "ns", Repository: "repo"}}, []string{"target.region"}},
		{"acr bad names", core.SyncRequest{Source: acr("N", "-r", "v1"), Target: acr("ns", "repo", "")}, []string{"source.namespace", "source.repository"}},

		{"hss target", core.SyncRequest{Target: core.Endpoint{Engine: "hss", Project: "0123abcd", Registries: []core.HSSRegistry{{ID: "r1", Type: "SwrPrivate"}}}}, nil},
		{"hss all", core.SyncRequest{Target: core.Endpoint{Engine: "hss", Project: "p", All: true}}, nil},
		{"hss neither", core.SyncRequest{Target: core.Endpoint{Engine: "hss", Project: "p"}}, []string{"target.registries"}},
		{"hss bad type", core.SyncRequest{Target: core.Endpoint{Engine: "hss", Project: "p", Registries: []core.HSSRegistry{{ID: "r1", Type: "Quay"}}}}, []string{"target.registries[0].type"}},
		{"hss source", core.SyncRequest{Source: core.Endpoint{Engine: "hss", Project: "p", All: true}, Target: img("s.io/a")}, []string{"source.engine"}},
		{"unknown engine", core.SyncRequest{Source: core.Endpoint{Engine: "ecr"}, Target: img("s.io/a")}, []string{"source.engine"}},
		{"bad hint and after", core.SyncRequest{Source: img("r.io/a:b"), Target: img("s.io/a"), Engine: "skopeo", After: []string{"scan"}}, []string{"engine", "after[0]"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.req.Validate()
			if c.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, core.ErrInvalid)
			assert.ElementsMatch(t, c.want, fields(err), err.Error())
		})
	}
}

func TestParseReference(t *testing.T) {
	r, reason := core.ParseReference("nginx")
	require.Empty(t, reason)
	assert.Equal(t, "docker.io/library/nginx", r.String())
	r, reason = core.ParseReference("localhost:5000/a/b:v1@sha256:" + strings.Repeat("0", 64))
	require.Empty(t, reason)
	assert.Equal(t, core.Reference{Registry: "localhost:5000", Repository: "a/b", Tag: "v1", Digest: "sha256:" + strings.Repeat("0", 64)}, r)
	_, reason = core.ParseReference("r.io/" + strings.Repeat("a", 260) + ":x")
	assert.Contains(t, reason, "255")
}

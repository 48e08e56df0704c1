package core_test

import (
	"context"
	"fmt"
	"net/netip"
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func ciPolicy() *core.Policy {
	return &core.Policy{Name: "ci",
		Sources: []core.Allow{{Registry: "src.io", Repository: "team/**"}},
		Targets: []core.Allow{{Registry: "*.example.com", Repository: "mirror/**", Engine: "registry"}}}
}

func req(src, dst string) core.SyncRequest {
	return core.SyncRequest{Source: core.Endpoint{Image: src}, Target: core.Endpoint{Image: dst}}
}

// TestPolicyRefusesBeforeAnyEngine: a refused request is 403 naming the
// policy and the side, and the engine is never called.
func TestPolicyRefusesBeforeAnyEngine(t *testing.T) {
	reg := newFake()
	s := core.New(core.WithEngine(reg))
	ctx := core.WithPrincipal(context.Background(), core.Principal{Name: "ci", Policy: ciPolicy()})
	cases := []struct {
		req  core.SyncRequest
		want string
	}{
		{req("src.io/team/app:v1", "evil.io/mirror/app:v1"), `policy "ci" refuses target evil.io/mirror/app:v1`},
		{req("src.io/other/app:v1", "a.example.com/mirror/app:v1"), `policy "ci" refuses source src.io/other/app:v1`},
		{req("src.io/team/app:v1", "a.example.com/prod/app:v1"), `refuses target`},
		{core.SyncRequest{Source: core.Endpoint{Image: "src.io/team/app:v1"},
			Target: core.Endpoint{Engine: "swr", Region: "cn-north-4", Namespace: "mirror", Repository: "app"}}, "refuses target swr://"},
	}
	for _, c := range cases {
		_, err := s.Sync(ctx, c.req)
		require.ErrorIs(t, err, core.ErrForbidden, c.req.Target.String())
		assert.Contains(t, err.Error(), c.want)
		assert.Contains(t, err.Error(), "principal ci")
	}
	assert.Empty(t, reg.copied, "no refused request reaches an engine")

	_, err := s.Sync(ctx, req("src.io/team/app:v1", "a.example.com/mirror/team/app:v1"))
	require.NoError(t, err)
	_, err = s.Sync(context.Background(), req("src.io/other/app:v1", "evil.io/x:v1"))
	require.NoError(t, err, "no principal, no policy (the CLI)")
	assert.Len(t, reg.copied, 2)
}

func TestPolicyNilAndEmpty(t *testing.T) {
	var p *core.Policy
	require.NoError(t, p.Check(req("a.io/x:v1", "b.io/y")))
	empty := &core.Policy{Name: "none"}
	require.ErrorIs(t, empty.Check(req("a.io/x:v1", "b.io/y")), core.ErrForbidden, "a side without entries allows nothing")
	all := &core.Policy{Name: "all", Sources: []core.Allow{{}}, Targets: []core.Allow{{}}}
	require.NoError(t, all.Check(req("a.io/x:v1", "b.io/y")))
	bad := core.Policy{Sources: []core.Allow{{Engine: "ftp", Repository: "a**"}}}
	err := bad.Validate()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "sources[0].engine")
	assert.Contains(t, err.Error(), "sources[0].repository")
}

func TestMetadataHostsRefused(t *testing.T) {
	reg := newFake()
	s := core.New(core.WithEngine(reg))
	for _, host := range []string{"169.254.169.254", "169.254.170.2:80", "[fe80::1]", "[fd00:ec2::254]", "100.100.100.200",
		"metadata.google.internal", "METADATA.google.internal", "[::ffff:169.254.169.254]", "0.0.0.0:5000"} {
		_, err := s.Sync(context.Background(), req(host+"/team/app:v1", "dst.io/app:v1"))
		require.ErrorIs(t, err, core.ErrForbidden, host)
		assert.Contains(t, err.Error(), "source host")
		_, err = s.Sync(context.Background(), req("src.io/team/app:v1", host+"/app:v1"))
		require.ErrorIs(t, err, core.ErrForbidden, host)
	}
	assert.Empty(t, reg.copied)
	allowed := core.New(core.WithEngine(reg), core.WithAllowedHosts("169.254.10.*"))
	_, err := allowed.Sync(context.Background(), req("169.254.10.1:5000/team/app:v1", "dst.io/app:v1"))
	require.NoError(t, err, "explicitly allowed")
	assert.False(t, core.BlockedHost("127.0.0.1:5000"), "loopback registries are fine (local use)")
	assert.False(t, core.BlockedAddr(netip.MustParseAddr("10.0.0.1")))
}

func TestCredentialsInReferencesRefused(t *testing.T) {
	s := core.New(core.WithEngine(newFake()))
	for _, img := range []string{"user:s3cr3t@r.io/app:v1", "https://user:s3cr3t@r.io/app:v1", "tok@r.io/app:v1"} {
		_, err := s.Sync(context.Background(), req(img, "dst.io/app:v1"))
		require.ErrorIs(t, err, core.ErrInvalid)
		assert.Contains(t, err.Error(), "credentials (user:password@)")
		assert.NotContains(t, err.Error(), "s3cr3t")
	}
	_, err := s.Sync(context.Background(), req("https://r.io/app:v1", "dst.io/app:v1"))
	assert.ErrorContains(t, err, "no URL scheme")
	_, err = s.Sync(context.Background(), req("r.io/app@sha256:"+fmt.Sprintf("%064d", 0), "dst.io/app:v1"))
	require.NoError(t, err, "a digest's '@' is no user info")
}

// TestTriggerPolicy: push rules expand into targets from the payload; the
// trigger policy bounds them.
func TestTriggerPolicy(t *testing.T) {
	reg := newFake()
	rules := pushRules()
	rules.OnPush[0].Targets = append(rules.OnPush[0].Targets, core.TargetTemplate{Endpoint: core.Endpoint{Image: "elsewhere.io/${path}:${tag}"}})
	pol := &core.Policy{Name: "triggers", Sources: []core.Allow{{}}, Targets: []core.Allow{{Registry: "dst.io"}}}
	s := core.New(core.WithEngine(reg), core.WithTriggers(rules), core.WithTriggerPolicy(pol))
	out, err := s.OnPush(context.Background(), core.Push{Registry: "src.io", Repository: "team/app", Tag: "v1", EventID: "e1", Source: "distribution"}, false)
	require.NoError(t, err)
	require.Len(t, out.Failed, 1)
	assert.Equal(t, "forbidden", out.Failed[0].Kind)
	assert.Contains(t, out.Failed[0].Reason, `policy "triggers" refuses target elsewhere.io/team/app:v1`)
	assert.Equal(t, []string{"src.io/team/app:v1>dst.io/team/app:v1"}, reg.copied)
}

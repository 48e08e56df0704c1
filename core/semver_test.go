package core_test

import (
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseVersion(t *testing.T) {
	cases := []struct {
		tag  string
		ok   bool
		want core.Version
	}{
		{"1.2.3", true, core.Version{Major: 1, Minor: 2, Patch: 3}},
		{"v1.2", true, core.Version{Major: 1, Minor: 2}},
		{"V7", true, core.Version{Major: 7}},
		{"1.2.3-rc.1+build.5", true, core.Version{Major: 1, Minor: 2, Patch: 3, Pre: []string{"rc", "1"}}},
		{"1.2.3-alpine", true, core.Version{Major: 1, Minor: 2, Patch: 3, Pre: []string{"alpine"}}},
		{"latest", false, core.Version{}},
		{"1.2.3.4", false, core.Version{}},
		{"1..2", false, core.Version{}},
		{"1.2.3-", false, core.Version{}},
		{"1.2.3-a..b", false, core.Version{}},
		{"-1.2", false, core.Version{}},
		{"1.+2", false, core.Version{}},
		{"9999999999.0", false, core.Version{}},
	}
	for _, c := range cases {
		t.Run(c.tag, func(t *testing.T) {
			v, ok := core.ParseVersion(c.tag)
			require.Equal(t, c.ok, ok)
			if ok {
				assert.Equal(t, c.want, v)
			}
		})
	}
}

func TestVersionCompare(t *testing.T) {
	ordered := []string{"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
		"1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1", "2"}
	for i := 0; i+1 < len(ordered); i++ {
		a, _ := core.ParseVersion(ordered[i])
		b, _ := core.ParseVersion(ordered[i+1])
		assert.Equal(t, -1, a.Compare(b), "%s < %s", ordered[i], ordered[i+1])
		assert.Equal(t, 1, b.Compare(a), "%s > %s", ordered[i+1], ordered[i])
	}
	a, _ := core.ParseVersion("1.2.3+x")
	b, _ := core.ParseVersion("v1.2.3")
	assert.Equal(t, 0, a.Compare(b), "build metadata is ignored")
}

func TestSemverRange(t *testing.T) {
	cases := []struct {
		rng string
		in  []string
		out []string
	}{
		{">=1.2 <2", []string{"1.2.0", "1.9.9", "v1.2"}, []string{"1.1.9", "2.0.0", "2.0.0-rc.1", "1.5.0-rc.1"}},
		{"^1.4", []string{"1.4.0", "1.99.0"}, []string{"1.3.9", "2.0.0"}},
		{"^0.4", []string{"0.4.0", "0.4.9"}, []string{"0.5.0", "0.3.0"}},
		{"^0.0.4", []string{"0.0.4"}, []string{"0.0.5", "0.0.3"}},
		{"^0", []string{"0.0.1", "0.9.0"}, []string{"1.0.0"}},
		{"~1.2.3", []string{"1.2.3", "1.2.9"}, []string{"1.3.0", "1.2.2"}},
		{"~1.2", []string{"1.2.0", "1.2.7"}, []string{"1.3.0"}},
		{"~1", []string{"1.0.0", "1.9.0"}, []string{"2.0.0"}},
		{"1.x", []string{"1.0.0", "1.5.5"}, []string{"2.0.0", "0.9.0"}},
		{"1.2.*", []string{"1.2.0", "1.2.5"}, []string{"1.3.0"}},
		{"*", []string{"0.0.0", "5.1.2"}, []string{"5.1.2-rc.1"}},
		{"1.2.3", []string{"1.2.3", "v1.2.3"}, []string{"1.2.4"}},
		{"=1.2", []string{"1.2.0", "1.2.9"}, []string{"1.3.0"}},
		{">1.2", []string{"1.3.0"}, []string{"1.2.9"}},
		{">1.2.3", []string{"1.2.4"}, []string{"1.2.3"}},
		{"<=1.2", []string{"1.2.9"}, []string{"1.3.0"}},
		{"<=1.2.3", []string{"1.2.3"}, []string{"1.2.4"}},
		{"<1.2.3", []string{"1.2.2"}, []string{"1.2.3"}},
		{"1.0.0 || >=2.1", []string{"1.0.0", "2.1.0", "3.0.0"}, []string{"1.0.1", "2.0.0"}},
		{">=1.0.0, <1.1.0", []string{"1.0.5"}, []string{"1.1.0"}},
		{">=1.3.0-rc.1", []string{"1.3.0-rc.1", "1.3.0-rc.2", "1.3.0", "1.4.0"}, []string{"1.3.0-beta", "1.4.0-rc.1"}},
		{"<*", nil, []string{"1.0.0"}},
	}
	for _, c := range cases {
		t.Run(c.rng, func(t *testing.T) {
			r, reason := core.ParseSemverRange(c.rng)
			require.Empty(t, reason)
			for _, s := range c.in {
				v, ok := core.ParseVersion(s)
				require.True(t, ok, s)
				assert.True(t, r.Contains(v), "%s should be in %s", s, c.rng)
			}
			for _, s := range c.out {
				v, ok := core.ParseVersion(s)
				require.True(t, ok, s)
				assert.False(t, r.Contains(v), "%s should be outside %s", s, c.rng)
			}
		})
	}
}

func TestSemverRangeInvalid(t *testing.T) {
	for _, s := range []string{"", "   ", ">=abc", "1.2.3 ||", "^", "1.2-rc", ">=1.2.3.4", "~x.1"} {
		_, reason := core.ParseSemverRange(s)
		assert.NotEmpty(t, reason, "%q should be refused", s)
	}
}

package core

import (
	"regexp"
	"testing"
)

// The scanners must agree with the distribution spec's regular expressions.
var (
	rePath   = regexp.MustCompile(`^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$`)
	reHost   = regexp.MustCompile(`^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])$`)
	reTag    = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$`)
	reDigest = regexp.MustCompile(`^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$`)
	rePort   = regexp.MustCompile(`^[0-9]{1,5}$`)
	reIPv6   = regexp.MustCompile(`^\[[a-fA-F0-9:.%]+\]$`)
)

func FuzzScannersMatchGrammar(f *testing.F) {
	for _, s := range []string{"a", "a.b", "a__b", "a___b", "a--b", "a-", "_a", "A", "v1.2.3", "a..b", "a._b", "",
		"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "x-y-", "-x", "[::1]", "[]", "5000", "123456"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := isPathComponent(s), rePath.MatchString(s); got != want {
			t.Fatalf("isPathComponent(%q) = %v, grammar says %v", s, got, want)
		}
		if got, want := isHostComponent(s), reHost.MatchString(s); got != want {
			t.Fatalf("isHostComponent(%q) = %v, grammar says %v", s, got, want)
		}
		if got, want := isTag(s), reTag.MatchString(s); got != want {
			t.Fatalf("isTag(%q) = %v, grammar says %v", s, got, want)
		}
		if got, want := isPort(s), rePort.MatchString(s); got != want {
			t.Fatalf("isPort(%q) = %v, grammar says %v", s, got, want)
		}
		if got, want := isIPv6Host(s), reIPv6.MatchString(s); got != want {
			t.Fatalf("isIPv6Host(%q) = %v, grammar says %v", s, got, want)
		}
		if got, want := isDigest(s), reDigest.MatchString(s); got != want {
			t.Fatalf("isDigest(%q) = %v, grammar says %v", s, got, want)
		}
	})
}

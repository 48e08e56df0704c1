package core

import (
	"net"
	"net/netip"
	"strings"
)

// guard holds the admission rules of a Service (see check).
type guard struct {
	allowHosts []string // host globs allowed although link-local or metadata
	triggers   *Policy
	limits     Limits
}

// blockedPrefixes are the link-local, unspecified and cloud metadata
// addresses that an endpoint may not name unless allowed: metadata
// services answer with the credentials of the machine imagesync runs on,
// and a connection to an unspecified address (0.0.0.0, [::]) reaches the
// machine's own services. IPv4-mapped forms (::ffff:0.0.0.0) are unmapped
// before the match.
var blockedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("169.254.0.0/16"),     // IPv4 link-local: AWS, GCP, Azure, Huawei metadata
	netip.MustParsePrefix("fe80::/10"),          // IPv6 link-local
	netip.MustParsePrefix("fd00:ec2::254/128"),  // AWS IMDS over IPv6
	netip.MustParsePrefix("100.100.100.200/32"), // Alibaba Cloud metadata
	netip.MustParsePrefix("0.0.0.0/8"),          // "this network": 0.0.0.0 reaches the host's own services
	netip.MustParsePrefix("::/128"),             // IPv6 unspecified: reaches the host's own services like 0.0.0.0
}

// blockedNames are metadata services reached by name.
var blockedNames = []string{"metadata.google.internal", "metadata", "instance-data", "instance-data.ec2.internal"}

// BlockedAddr reports whether ip is a link-local, unspecified or cloud
// metadata address (IPv4-mapped IPv6 addresses are unmapped first).
func BlockedAddr(ip netip.Addr) bool {
	ip = ip.Unmap()
	for _, p := range blockedPrefixes {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// BlockedHost reports whether host (host[:port], brackets allowed) names a
// link-local, unspecified or metadata address literally or by a known
// metadata name.
func BlockedHost(host string) bool {
	name := host
	if h, _, err := net.SplitHostPort(host); err == nil {
		name = h
	}
	name = strings.TrimSuffix(strings.TrimPrefix(name, "["), "]")
	if i := strings.IndexByte(name, '%'); i >= 0 {
		name = name[:i]
	}
	if ip, err := netip.ParseAddr(name); err == nil {
		return BlockedAddr(ip)
	}
	name = strings.ToLower(strings.TrimSuffix(name, "."))
	for _, b := range blockedNames {
		if name == b {
			return true
		}
	}
	return false
}

// WithAllowedHosts lets endpoints name the given hosts (globs over host or
// host:port, or address prefixes like 169.254.10.0/24) although they are link-local or metadata addresses.
func WithAllowedHosts(globs ...string) Option {
	return func(s *Service) { s.sec.allowHosts = append(s.sec.allowHosts, globs...) }
}

func (g *guard) hosts(req SyncRequest) error {
	for _, side := range []struct {
		name string
		e    Endpoint
	}{{"source", req.Source}, {"target", req.Target}} {
		ref, ok := side.e.Ref()
		if !ok || !BlockedHost(ref.Registry) || g.hostAllowed(ref.Registry) {
			continue
		}
		return Errorf(ErrForbidden, "%s host %s is a link-local, unspecified or cloud metadata address: refused (policy.allowHosts may allow it)",
			side.name, ref.Registry)
	}
	return nil
}

// hostAllowed matches host against allowHosts: globs over host[:port], or
// address prefixes such as 169.254.10.0/24.
func (g *guard) hostAllowed(host string) bool {
	name := host
	if h, _, err := net.SplitHostPort(host); err == nil {
		name = h
	}
	ip, ipErr := netip.ParseAddr(strings.Trim(name, "[]"))
	for _, a := range g.allowHosts {
		if p, err := netip.ParsePrefix(a); err == nil && ipErr == nil && p.Contains(ip.Unmap()) {
			return true
		}
		if MatchGlob(a, host) || MatchGlob(a, name) {
			return true
		}
	}
	return false
}

package infra

import (
	"net"
	"net/netip"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/imagesync/imagesync/core"
)

// Defaults of the limits section.
const (
	DefaultRequestTimeout  = 15 * time.Minute
	DefaultConcurrentSyncs = 32
	DefaultSignatureWindow = 60 * time.Second
)

func (c *Config) validatePolicy(v *core.ValidationError) {
	for _, name := range sortedKeysOf(c.Policy.Rules) {
		p := c.Policy.Rules[name]
		p.Name = name
		c.Policy.Rules[name] = p
		if ve, ok := p.Validate().(*core.ValidationError); ok {
			for _, f := range ve.Fields {
				v.Add("policy.rules."+name+"."+f.Field, f.Reason)
			}
		}
	}
	c.policyRef(v, "policy.triggers", c.Policy.Triggers)
	for i, h := range c.Policy.AllowHosts {
		v.Add("policy.allowHosts["+itoa(i)+"]", checkAllowHost(h))
	}
	l := c.Limits
	if l.RequestTimeout < 0 || l.ConcurrentSyncs < 0 || l.TagsPerJob < 0 || l.BytesPerRun < 0 {
		v.Add("limits", "limits cannot be negative")
	}
}

// checkAllowHost reads an allowHosts entry as what it looks like: one with
// a '/' is a CIDR and must parse as one (10.0.0.0/33 does not); any other
// is a host[:port] glob, or a literal address.
func checkAllowHost(h string) string {
	if strings.Contains(h, "/") {
		if _, err := netip.ParsePrefix(h); err != nil {
			return "not a CIDR (address/bits, e.g. 169.254.10.0/24 or fd00:ec2::/64)"
		}
		return ""
	}
	if h == "" {
		return "empty: give a host glob, an address or a CIDR"
	}
	return core.CheckGlob(h)
}

func (c *Config) policyRef(v *core.ValidationError, path, name string) {
	if _, ok := c.Policy.Rules[name]; name != "" && !ok {
		v.Add(path, "no policy rule named "+name+" in policy.rules")
	}
}

// PolicyNamed returns the policy rule of that name, or nil (unrestricted)
// for "".
func (c Config) PolicyNamed(name string) *core.Policy {
	p, ok := c.Policy.Rules[name]
	if !ok {
		return nil
	}
	p.Name = name
	return &p
}

// securityOptions are the core options of the policy and limits sections.
func (c Config) securityOptions() []core.Option {
	return []core.Option{core.WithTriggerPolicy(c.PolicyNamed(c.Policy.Triggers)),
		core.WithAllowedHosts(c.Policy.AllowHosts...),
		core.WithLimits(core.Limits{TagsPerJob: c.Limits.TagsPerJob, BytesPerRun: c.Limits.BytesPerRun})}
}

// AuthConfigured reports whether the auth section says anything: a mode,
// a signing key or a token.
func (c Config) AuthConfigured() bool {
	return c.Auth.Mode != "" || len(c.Auth.Signing) > 0 || len(c.Auth.Tokens) > 0
}

// LoopbackDefault turns authentication off when the auth section is empty
// and addr listens on loopback only (the local server's default), and
// reports whether it did: the caller must log a warning.
func (c *Config) LoopbackDefault(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || c.AuthConfigured() {
		return false
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return false
	}
	c.Auth.Mode = AuthNone
	return true
}

// Secrets lists every secret value the configuration read, for redaction.
func (c Config) Secrets() [][]byte {
	var out [][]byte
	for _, k := range c.Auth.Signing {
		for _, s := range k.Secrets {
			out = append(out, s.value)
		}
	}
	for _, w := range c.Webhooks {
		for _, s := range w.Secrets {
			out = append(out, s.value)
		}
	}
	return out
}

func sortedKeysOf[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func itoa(i int) string { return strconv.Itoa(i) }

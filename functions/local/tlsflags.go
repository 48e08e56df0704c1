package main

import (
	"flag"
	"fmt"

	"github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/infra"
)

// tlsFlags are sync's TLS settings for the hosts of SRC and DST, as
// skopeo's --src-tls-verify/--src-cert-dir and crane's --insecure say
// them. They take the place of registry.hosts' entries for those hosts
// (clientCert and clientKey are kept).
type tlsFlags struct {
	srcTLS, dstTLS, srcCA, dstCA string
	insecure                     bool
}

func (f *tlsFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.srcTLS, "src-tls", "", "`MODE` of SRC's registry: enabled (HTTPS, verified), insecure (HTTPS, unverified) or disabled (plain HTTP)")
	fs.StringVar(&f.dstTLS, "dest-tls", "", "`MODE` of DST's registry: enabled, insecure or disabled")
	fs.StringVar(&f.srcCA, "src-ca", "", "PEM `FILE` of the CA that signed SRC's registry certificate (besides the system's)")
	fs.StringVar(&f.dstCA, "dest-ca", "", "PEM `FILE` of the CA that signed DST's registry certificate (besides the system's)")
	fs.BoolVar(&f.insecure, "insecure", false, "as crane's: both registries over TLS without verification, or plain HTTP where they answer in it")
}

// apply sets cfg's entries for the hosts of src and dst (image references)
// from the flags; a flagless side is left as configured.
func (f tlsFlags) apply(cfg *infra.Config, src, dst string) error {
	sides := []struct {
		ref, tls, ca string
	}{{src, f.srcTLS, f.srcCA}, {dst, f.dstTLS, f.dstCA}}
	set := map[string]registry.HostTLS{}
	for _, s := range sides {
		if s.ref == "" || (s.tls == "" && s.ca == "" && !f.insecure) { // "": an OCI layout, no registry
			continue
		}
		ref, reason := core.ParseReference(s.ref)
		if reason != "" {
			return fmt.Errorf("%s: %s", s.ref, reason)
		}
		h := hostEntry(cfg.Registry.Hosts, ref.Registry)
		switch {
		case s.tls != "":
			h.TLS, h.HTTPFallback = s.tls, false
		case f.insecure:
			h.TLS, h.HTTPFallback = registry.TLSInsecure, true
		}
		if h.Mode() == registry.TLSDisabled { // plain HTTP: the configured files no longer apply
			h.CA, h.ClientCert, h.ClientKey = "", "", ""
		}
		if s.ca != "" {
			h.CA = s.ca
		}
		if prev, ok := set[ref.Registry]; ok && prev != h {
			return fmt.Errorf("SRC and DST are both on %s: give them the same TLS settings", ref.Registry)
		}
		if reason := h.Check(); reason != "" {
			return fmt.Errorf("%s: %s", ref.Registry, reason)
		}
		set[ref.Registry] = h
	}
	for host, h := range set {
		cfg.Registry.Hosts = append(withoutHost(cfg.Registry.Hosts, host), h)
	}
	return nil
}

// hostEntry is the configured entry of host, or a new one.
func hostEntry(hosts []registry.HostTLS, host string) registry.HostTLS {
	for _, h := range hosts {
		if registry.SameHost(h.Host, host) {
			return h
		}
	}
	return registry.HostTLS{Host: host}
}

func withoutHost(hosts []registry.HostTLS, host string) []registry.HostTLS {
	out := hosts[:0:0]
	for _, h := range hosts {
		if !registry.SameHost(h.Host, host) {
			out = append(out, h)
		}
	}
	return out
}

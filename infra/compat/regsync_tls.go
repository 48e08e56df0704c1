package compat

import (
	"net"
	"regexp"
	"strings"
)

// regsyncTLS reads tls, regcert, clientCert and clientKey into h. The
// certificates are PEM text in regsync; imagesync reads them from files,
// so they must be written {{file "PATH"}}.
func (p *parser) regsyncTLS(m *mapping, h *Host) {
	if s, ok := m.str("tls"); ok {
		switch s {
		case "enabled", "insecure", "disabled":
			h.TLS = s
		default:
			p.refuse(m.at("tls"), "must be enabled, insecure or disabled")
		}
	}
	h.CA = p.pemFile(m, "regcert")
	h.ClientCert = p.pemFile(m, "clientCert")
	h.ClientKey = p.pemFile(m, "clientKey")
}

// pemFile reads a PEM setting that must name its file.
func (p *parser) pemFile(m *mapping, key string) string {
	s, ok := m.str(key)
	if !ok || strings.TrimSpace(s) == "" {
		return ""
	}
	parts, reason := parseTemplate(strings.TrimSpace(s))
	if reason == "" && len(parts) == 1 && parts[0].fn == "file" {
		return parts[0].arg
	}
	if reason == "" {
		reason = `imagesync reads certificates and keys from files: write ` + key + `: '{{file "PATH"}}' (regsync reads that too)`
	}
	p.refuse(m.at(key), reason)
	return ""
}

// addHost adds h to the registry hosts when it says more than the default
// (HTTPS, verified against the system's roots).
func (p *parser) addHost(path string, h Host, reg *Registry) {
	if h.TLS == "enabled" {
		h.TLS = ""
	}
	if h.TLS == "" && h.CA == "" && h.ClientCert == "" && h.ClientKey == "" && h.Address == "" &&
		h.RequestsPerSecond == 0 && h.MaxConcurrent == 0 {
		return
	}
	p.origin("registry.hosts["+itoa(len(reg.Hosts))+"]", path)
	reg.Hosts = append(reg.Hosts, h)
}

var localName = regexp.MustCompile(`.*\.local(?:host)?(?::\d{1,5})?$`)

// plainHTTPHost reports whether imagesync reaches host over plain HTTP with
// no setting, by go-containerregistry's rule (name.Registry.Scheme):
// RFC 1918 addresses, localhost:port, *.local and *.localhost names, and
// names holding 127.0.0.1 or ::1.
func plainHTTPHost(host string) bool {
	if ip := net.ParseIP(strings.Split(host, ":")[0]); ip != nil && ip.To4() != nil && ip.IsPrivate() {
		return true
	}
	return strings.HasPrefix(host, "localhost:") || localName.MatchString(host) ||
		strings.Contains(host, "127.0.0.1") || strings.Contains(host, "::1")
}

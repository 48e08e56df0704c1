package registry

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"os"
	"strings"

	"github.com/imagesync/imagesync/core"
)

// TLS modes of a registry host (HostTLS.TLS), as regsync names them.
const (
	TLSEnabled  = "enabled"  // HTTPS, verified against the system's roots and the host's CA (the default)
	TLSInsecure = "insecure" // HTTPS without verification of the server's certificate
	TLSDisabled = "disabled" // plain HTTP
)

// HostTLS says how one registry host is reached: its TLS mode, the CA its
// certificate is verified with besides the system's roots, and the client
// certificate it asks for (mutual TLS). A host without an entry is reached
// as go-containerregistry does: HTTPS, falling back to plain HTTP only for
// localhost, 127.0.0.1, [::1], *.localhost and 10/8, 172.16/12 and
// 192.168/16 addresses.
type HostTLS struct {
	Host       string `json:"host"`                 // host[:port] as written in image references
	TLS        string `json:"tls,omitempty"`        // enabled (default), insecure or disabled
	CA         string `json:"ca,omitempty"`         // PEM file of the CA(s) the host's certificate chains to
	ClientCert string `json:"clientCert,omitempty"` // PEM certificate presented to the host (needs clientKey)
	ClientKey  string `json:"clientKey,omitempty"`  // PEM key of clientCert
	// HTTPFallback retries over plain HTTP a host that answers HTTPS in
	// plain HTTP, and keeps to HTTP for it afterwards: crane's --insecure,
	// for the CLI. Not a configuration key.
	HTTPFallback bool `json:"-"`
}

// Mode is h's TLS mode, TLSEnabled when unset.
func (h HostTLS) Mode() string {
	if h.TLS == "" {
		return TLSEnabled
	}
	return h.TLS
}

// Check returns why the entry is unusable, or "". It reads no file:
// New does, so that a configuration can be checked where its files are
// not (a wrong path then fails New, at start-up).
func (h HostTLS) Check() string { return h.checkFields() }

// config builds the TLS client configuration of h (nil for plain HTTP).
func (h HostTLS) config() (*tls.Config, error) {
	if reason := h.checkFields(); reason != "" {
		return nil, core.Errorf(core.ErrInvalid, "registry: host %q: %s", h.Host, reason)
	}
	if h.Mode() == TLSDisabled {
		return nil, nil
	}
	cfg := &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: h.Mode() == TLSInsecure} //nolint:gosec // asked for by tls: insecure
	if h.CA != "" {
		pool, err := caPool(h.CA)
		if err != nil {
			return nil, core.Errorf(core.ErrInvalid, "registry: host %q: ca: %v", h.Host, err)
		}
		cfg.RootCAs = pool
	}
	if h.ClientCert != "" {
		pair, err := tls.LoadX509KeyPair(h.ClientCert, h.ClientKey)
		if err != nil {
			return nil, core.Errorf(core.ErrInvalid, "registry: host %q: clientCert/clientKey: %v", h.Host, err)
		}
		cfg.Certificates = []tls.Certificate{pair}
	}
	return cfg, nil
}

func (h HostTLS) checkFields() string {
	switch {
	case h.Host == "":
		return "host is required"
	case strings.ContainsAny(h.Host, "/@ ") || strings.Contains(h.Host, "://"):
		return "host must be host[:port], without scheme or path"
	case !validHostPort(h.Host):
		return "host must be host[:port]"
	}
	switch h.Mode() {
	case TLSEnabled, TLSInsecure:
	case TLSDisabled:
		if h.CA != "" || h.ClientCert != "" || h.ClientKey != "" {
			return "tls: disabled (plain HTTP) takes no ca, clientCert or clientKey"
		}
	default:
		return "tls must be enabled, insecure or disabled"
	}
	if (h.ClientCert == "") != (h.ClientKey == "") {
		return "clientCert and clientKey go together"
	}
	return ""
}

func validHostPort(s string) bool {
	host := s
	if h, _, err := net.SplitHostPort(s); err == nil {
		host = h
	} else if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
		host = s[1 : len(s)-1] // [::1]
	}
	return host != "" && !strings.ContainsAny(host, "[]")
}

// caPool is the system's roots plus the certificates of the PEM file at
// path (the file's alone when the system has none).
func caPool(path string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("%s holds no PEM certificate", path)
	}
	return pool, nil
}

// CheckHosts returns why each entry of hosts is unusable ("" for a good
// one), a host given twice included.
func CheckHosts(hosts []HostTLS) []string {
	out := make([]string, len(hosts))
	seen := map[string]bool{}
	for i, h := range hosts {
		if reason := h.Check(); reason != "" {
			out[i] = reason
			continue
		}
		if k := normalHost(h.Host); seen[k] {
			out[i] = "host " + h.Host + " is given twice"
		} else {
			seen[k] = true
		}
	}
	return out
}

// SameHost reports whether two registry hosts are the same, as entries of
// WithHosts and credentials are matched (case aside; docker.io and its
// aliases are one).
func SameHost(a, b string) bool { return normalHost(a) == normalHost(b) }

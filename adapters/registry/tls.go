package registry

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"os"
	"strings"
	"unicode"

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
//
// Address, when set, is where the host is reached (regsync's
// creds[].hostname): every request for Host is sent to Address instead,
// while image names, scopes, credentials and tasks keep Host (see
// hostsTransport). The entry's TLS settings apply to that connection, and
// a certificate is verified against Address's host name: that is where
// the engine connects.
type HostTLS struct {
	Host       string `json:"host"`                 // host[:port] as written in image references
	Address    string `json:"address,omitempty"`    // host[:port] connected to instead of Host (a service name, a tunnel)
	TLS        string `json:"tls,omitempty"`        // enabled (default), insecure or disabled
	CA         string `json:"ca,omitempty"`         // PEM file of the CA(s) the host's certificate chains to
	ClientCert string `json:"clientCert,omitempty"` // PEM certificate presented to the host (needs clientKey)
	ClientKey  string `json:"clientKey,omitempty"`  // PEM key of clientCert
	// RequestsPerSecond, when set, spaces every request to the host at
	// least 1/RequestsPerSecond apart (a token bucket of burst 1), across
	// every sync of the engine (regsync's creds[].reqPerSec). A request
	// waits for its token under its context.
	RequestsPerSecond float64 `json:"requestsPerSecond,omitempty"`
	// MaxConcurrent, when set, bounds the requests to the host in flight
	// at once, across every sync of the engine (regsync's
	// creds[].reqConcurrent). A request holds its place until its
	// response's body is read to its end or closed; a blob's copy holds
	// one place on its source and one on its target for its whole run,
	// its download and upload in them (hostlimit.go: reserve), and a
	// limited source gets no parallel ranges.
	MaxConcurrent int `json:"maxConcurrent,omitempty"`
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
func (h HostTLS) Check() string {
	field, reason := h.problem()
	if field != "" {
		return field + ": " + reason
	}
	return reason
}

// config builds the TLS client configuration of h (nil for plain HTTP).
func (h HostTLS) config() (*tls.Config, error) {
	if reason := h.Check(); reason != "" {
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

// problem returns why the entry is unusable, with the key at fault when
// one alone is (field "address"), or "" twice.
func (h HostTLS) problem() (field, reason string) {
	if h.Host == "" {
		return "", "host is required"
	}
	if reason := checkHostPort(h.Host); reason != "" {
		return "", "host " + reason
	}
	if h.Address != "" {
		if reason := checkHostPort(h.Address); reason != "" {
			return "address", reason
		}
	}
	if field, reason := h.checkLimits(); reason != "" {
		return field, reason
	}
	return "", h.checkTLS()
}

func (h HostTLS) checkTLS() string {
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

// Bounds of the request limits of a host.
const (
	maxRequestsPerSecond = 10000
	maxMaxConcurrent     = 1024
)

// checkLimits returns the request limit at fault and why, or "" twice.
func (h HostTLS) checkLimits() (field, reason string) {
	if r := h.RequestsPerSecond; !(r >= 0 && r <= maxRequestsPerSecond) {
		return "requestsPerSecond", "must be more than 0 and at most 10000 (requests a second)"
	}
	if c := h.MaxConcurrent; c < 0 || c > maxMaxConcurrent {
		return "maxConcurrent", "must be between 1 and 1024"
	}
	return "", ""
}

// checkHostPort returns why s is not a host[:port], or "".
func checkHostPort(s string) string {
	switch {
	case strings.ContainsAny(s, "/@") || strings.ContainsFunc(s, unicode.IsSpace):
		return "must be host[:port], without scheme, path or spaces"
	case !validHostPort(s):
		return "must be host[:port]"
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

// HostProblem is why an entry of hosts is unusable: Reason, and Field
// when one key alone is at fault ("address"), for its path
// (registry.hosts[N].address). A good entry has an empty Reason.
type HostProblem struct {
	Field, Reason string
}

// CheckHosts returns why each entry of hosts is unusable, a host given
// twice included.
func CheckHosts(hosts []HostTLS) []HostProblem {
	out := make([]HostProblem, len(hosts))
	seen := map[string]bool{}
	for i, h := range hosts {
		if field, reason := h.problem(); reason != "" {
			out[i] = HostProblem{Field: field, Reason: reason}
			continue
		}
		if k := normalHost(h.Host); seen[k] {
			out[i] = HostProblem{Reason: "host " + h.Host + " is given twice"}
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

package registry

import (
	"crypto/tls"
	"errors"
	"net/http"
	"sync/atomic"

	"github.com/imagesync/imagesync/core"
)

// hostsTransport sends each request to its host's transport: a clone of
// the engine's transport (so of its dialer and the address guard in it)
// with the host's TLS configuration (WithHosts), or the engine's own. It
// holds each host to its mode's scheme: plain HTTP for tls: disabled,
// HTTPS otherwise, whatever go-containerregistry's guess for loopback and
// private addresses asked for. It turns certificate failures and plain
// HTTP answers to HTTPS into errors that name the host and the setting
// that fixes them. A host with an Address is connected to there
// (address.go).
type hostsTransport struct {
	def   http.RoundTripper
	hosts map[string]*hostRoute // by normalHost
}

type hostRoute struct {
	conf     HostTLS
	addr     string // where the host is connected to (HostTLS.Address), or ""
	rt       http.RoundTripper
	fallback bool        // HTTPFallback
	plain    atomic.Bool // the host answered HTTPS in plain HTTP: HTTP from now on
	limit    *hostLimit  // the host's request limits (hostlimit.go), or nil
}

// withHosts wraps base with the routes of hosts. base must be an
// *http.Transport when hosts configure TLS (it is cloned per host).
func withHosts(base http.RoundTripper, hosts []HostTLS) (http.RoundTripper, error) {
	t := &hostsTransport{def: base, hosts: map[string]*hostRoute{}}
	for _, h := range hosts {
		cfg, err := h.config()
		if err != nil {
			return nil, err
		}
		if t.hosts[normalHost(h.Host)] != nil {
			return nil, core.Errorf(core.ErrInvalid, "registry: host %q is given twice", h.Host)
		}
		rt := base
		if cfg != nil {
			ht, ok := base.(*http.Transport)
			if !ok {
				return nil, core.Errorf(core.ErrInvalid, "registry: host %q: TLS settings need the default transport, not %T", h.Host, base)
			}
			ht = ht.Clone() // keeps DialContext: the address guard still decides
			ht.TLSClientConfig = cfg
			rt = ht
		}
		t.hosts[normalHost(h.Host)] = &hostRoute{conf: h, addr: h.Address, rt: rt, fallback: h.HTTPFallback, limit: newHostLimit(h)}
	}
	return t, nil
}

func (t *hostsTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	r := t.hosts[normalHost(req.URL.Host)]
	if r == nil {
		res, err := t.def.RoundTrip(req)
		return res, explain(req, "", err)
	}
	scheme := "https"
	if r.conf.Mode() == TLSDisabled || r.plain.Load() {
		scheme = "http"
	}
	out := r.wire(req, scheme)
	res, err := r.send(out)
	if r.fallback && scheme == "https" && plainAnswer(err) && replayable(req) {
		r.plain.Store(true)
		out = r.wire(req, "http")
		res, err = r.send(out)
	}
	if r.addr != "" {
		r.unwire(res, req)
		return res, explain(out, req.URL.Host, err)
	}
	return res, explain(req, "", err)
}

// limit is host's request limits, or nil.
func (t *hostsTransport) limit(host string) *hostLimit {
	if r := t.hosts[normalHost(host)]; r != nil {
		return r.limit
	}
	return nil
}

// send sends req to the host, within its request limits if it has any.
func (r *hostRoute) send(req *http.Request) (*http.Response, error) {
	if r.limit == nil {
		return r.rt.RoundTrip(req)
	}
	return r.limit.roundTrip(r.rt, req)
}

// replayable reports whether req can be sent again as it is.
func replayable(req *http.Request) bool {
	return req.Body == nil || req.Body == http.NoBody
}

// plainAnswer reports whether an HTTPS request was answered in plain HTTP.
func plainAnswer(err error) bool {
	var rh tls.RecordHeaderError
	return errors.As(err, &rh) && string(rh.RecordHeader[:]) == "HTTP/"
}

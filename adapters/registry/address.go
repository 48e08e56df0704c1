package registry

import "net/http"

// A host with an Address (registry.hosts[].address, regsync's
// creds[].hostname) is connected to at that address: its requests leave
// with the address in their URL, so the dialer (and the address guard in
// it), the connection pool, a proxy's choice and TLS verification all
// apply to the address. Everything above this transport keeps the host:
// image names, scopes, the token service, credentials, the URLs
// go-containerregistry builds and the ones it is given back. Requests
// carry the host as their Host header, so that a registry builds the
// absolute Locations it returns on the host, and they come back through
// the address too; a URL on any other host (a token realm, a blob
// redirect to storage) is followed as given.

// wire is req as sent: with scheme, and at the host's address if it has
// one. req itself is never changed (the retry layer sends it again).
func (r *hostRoute) wire(req *http.Request, scheme string) *http.Request {
	if req.URL.Scheme == scheme && r.addr == "" {
		return req
	}
	out := req.Clone(req.Context())
	out.URL.Scheme = scheme
	if r.addr != "" {
		if out.Host == "" {
			out.Host = req.URL.Host
		}
		out.URL.Host = r.addr
	}
	return out
}

// unwire gives res the request as the engine sees it, at the host: a
// relative Location resolves against it (go-containerregistry's uploads,
// blob redirects), so the next request is for the host again, with its
// credentials, and comes back through here to the address. The scheme
// stays as sent, as for a host without an address (the ping reads it).
func (r *hostRoute) unwire(res *http.Response, req *http.Request) {
	if res == nil || res.Request == nil || res.Request.URL.Host != r.addr {
		return
	}
	seen := res.Request.WithContext(res.Request.Context()) // a shallow copy, its URL replaced below
	u := *res.Request.URL
	u.Host = req.URL.Host
	seen.URL = &u
	res.Request = seen
}

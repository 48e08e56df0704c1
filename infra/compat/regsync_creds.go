package compat

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// Keys of a regsync creds entry imagesync has no setting for.
var regsyncCredRefused = map[string]string{
	"token":      "regclient's experimental API token has no imagesync equivalent: log in with user and pass, or credHelper",
	"credExpire": "imagesync asks the credential helper at each login and keeps no expiry",
	"credHost":   "imagesync asks the credential helper for the registry host itself",
	"pathPrefix": "imagesync has no registry mirrors: name the registry that holds the images",
	"mirrors":    "imagesync has no registry mirrors: name the registry that holds the images",
	"priority":   "imagesync has no registry mirrors: name the registry that holds the images",
	"api":        "regclient's deprecated API setting has no imagesync equivalent",
	"apiOpts":    "regclient's API options have no imagesync equivalent",
	"blobChunk":  "imagesync uploads each blob in one request; there is no chunk size to set",
	"blobMax":    "imagesync uploads each blob in one request; there is no chunk size to set",
	"scheme":     "deprecated by regsync: write tls: disabled for plain HTTP",
}

// regsyncCred maps one creds entry: its login onto a registry credential,
// its TLS settings onto a registry host.
func (p *parser) regsyncCred(n *yaml.Node, path string, reg *Registry) {
	m := p.mapping(n, path)
	raw, ok := m.str("registry")
	if !ok {
		p.refuse(m.at("registry"), "required: the registry host these settings are for")
	}
	host, _ := p.expand(raw, m.at("registry"))
	h := Host{Host: host}
	switch scheme, rest, cut := strings.Cut(host, "://"); {
	case cut && scheme == "http":
		h.Host, h.TLS = rest, "disabled"
	case cut && scheme == "https":
		h.Host = rest
	case cut:
		p.refuse(m.at("registry"), "scheme must be http or https")
	}
	if hn, ok := m.str("hostname"); ok { // where to connect: registry.hosts[].address
		if v, _ := p.expand(hn, m.at("hostname")); v != h.Host {
			h.Address = v
		}
	}
	m.boolean("repoAuth") // imagesync's tokens are per repository already
	p.regsyncTLS(m, &h)
	p.regsyncLimits(m, &h)
	p.regsyncLogin(m, h.Host, reg)
	m.rest(regsyncCredRefused)
	p.addHost(m.path, h, reg)
}

// regsyncLogin maps user/pass or credHelper onto a credential.
func (p *parser) regsyncLogin(m *mapping, host string, reg *Registry) {
	user, hasUser := m.str("user")
	pass, hasPass := m.str("pass")
	helper, hasHelper := m.str("credHelper")
	c := Credential{Host: host}
	switch {
	case hasHelper && (hasUser || hasPass):
		p.refuse(m.at("credHelper"), "give user and pass, or credHelper, not both")
		return
	case hasHelper:
		c.Helper, _ = p.expand(helper, m.at("credHelper"))
	case hasUser != hasPass:
		p.refuse(m.path, "user and pass go together")
		return
	case !hasUser:
		return
	default:
		u, ok := p.expand(user, m.at("user"))
		if ok && u == "" {
			p.refuse(m.at("user"), "is empty (an unset environment variable?)")
		}
		c.Username = u
		fn, arg, ok := p.secretRef(pass, m.at("pass"))
		if !ok {
			return
		}
		if fn == "env" {
			c.PasswordEnv = arg
		} else {
			c.PasswordFile = arg
		}
	}
	p.origin("registry.credentials["+itoa(len(reg.Credentials))+"]", m.path)
	reg.Credentials = append(reg.Credentials, c)
}

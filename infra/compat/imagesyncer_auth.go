package compat

import (
	"os"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// syncerAuth maps image-syncer's auth: one login per registry host.
func (p *parser) syncerAuth(n *yaml.Node, path string, reg *Registry) {
	m := p.mapping(n, path)
	for _, host := range m.keys {
		at := m.at(host)
		v := m.take(host)
		if strings.Contains(host, "/") {
			p.refuse(at, "imagesync logs in per registry host: a login for a namespace (registry/namespace) is not supported")
			continue
		}
		p.syncerLogin(p.mapping(v, at), host, reg)
	}
}

var envName = regexp.MustCompile(`^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$`)

// syncerLogin maps one login: username as image-syncer expands it ($VAR,
// ${VAR}), password as the variable that holds it, insecure as the host's
// TLS mode.
func (p *parser) syncerLogin(m *mapping, host string, reg *Registry) {
	user, _ := m.str("username")
	pass, _ := m.str("password")
	literal := m.boolean("disableexpandenv")
	switch b := m.boolean("insecure"); {
	case b == nil || !*b:
	case plainHTTPHost(host):
		// without an entry imagesync tries HTTPS, then plain HTTP, as
		// image-syncer's insecure does
	default:
		p.note(m.at("insecure"), "imagesync reaches the host over HTTPS without verifying its certificate (tls: insecure); "+
			"image-syncer also falls back to plain HTTP: for a plain-HTTP registry set tls: disabled in the converted file")
		p.addHost(m.path, Host{Host: host, TLS: "insecure"}, reg)
	}
	m.rest(nil)
	if user == "" && pass == "" {
		return
	}
	c := Credential{Host: host, Username: user}
	if literal == nil || !*literal {
		c.Username = os.Expand(user, p.env)
	}
	match := envName.FindStringSubmatch(pass)
	switch {
	case c.Username == "":
		p.refuse(m.at("username"), "is empty (an unset environment variable?): a password goes with a user name")
		return
	case match == nil || literal != nil && *literal:
		p.refuse(m.at("password"), `imagesync reads secrets from the environment, never from the configuration: `+
			`write "${NAME}" (image-syncer reads that too) and set NAME`)
		return
	}
	c.PasswordEnv = match[1] + match[2]
	p.origin("registry.credentials["+itoa(len(reg.Credentials))+"]", m.path)
	reg.Credentials = append(reg.Credentials, c)
}

package compat

import (
	"strconv"

	"gopkg.in/yaml.v3"
)

// regsync translates a regsync configuration (regclient's cmd/regsync,
// version 1): creds become registry credentials and hosts, defaults the
// settings every sync inherits, each sync one job or a few.
func (p *parser) regsync(root *yaml.Node) Doc {
	p.extensions = true
	m := p.mapping(root, "")
	if v, ok := m.str("version"); ok && v != "1" {
		p.refuse("version", "regsync's configuration version is 1 (got "+strconv.Quote(v)+")")
	}
	doc := Doc{Registry: &Registry{}}
	for i, c := range p.sequence(m.take("creds"), "creds") {
		p.regsyncCred(c, "creds["+strconv.Itoa(i)+"]", doc.Registry)
	}
	def := p.regsyncDefaults(m.take("defaults"), &doc)
	var syncs []regsyncJobs
	for i, s := range p.sequence(m.take("sync"), "sync") {
		syncs = append(syncs, p.regsyncSync(s, i, def))
	}
	m.rest(nil)
	p.regsyncShared(syncs, &doc)
	for _, s := range syncs {
		for _, j := range s.jobs {
			at := "jobs[" + strconv.Itoa(len(doc.Jobs)) + "]"
			p.origin(at, s.path)
			p.origin(at+".schedule", s.settings.schedulePath)
			p.origin(at+".platforms", s.platformsPath)
			doc.Jobs = append(doc.Jobs, j)
		}
	}
	if doc.Registry.isZero() {
		doc.Registry = nil
	}
	return doc
}

func (r *Registry) isZero() bool {
	return r.UserAgent == "" && !r.Referrers && len(r.Credentials) == 0 && len(r.Hosts) == 0 && r.DockerConfig == nil
}

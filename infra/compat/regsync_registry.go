package compat

import (
	"regexp/syntax"
	"strings"

	"gopkg.in/yaml.v3"
)

// regsyncRegistry maps a type: registry sync — every repository the
// source registry lists (that repos allows and does not deny), each to
// target/<its path> — onto jobs over /** sources: one job per allow
// pattern (their union is regsync's), deny patterns as exclude globs,
// each job once per tag filter.
func (p *parser) regsyncRegistry(m *mapping, reposNode *yaml.Node, name, src, tgt string, filters []*Tags) []Job {
	if strings.Contains(src, "/") {
		p.refuse(m.at("source"), "a registry sync names a registry host (host[:port]), without a path")
		return nil
	}
	repos := p.mapping(reposNode, m.at("repos"))
	allow, deny := p.repoGlobs(repos, "allow"), p.repoGlobs(repos, "deny")
	repos.rest(nil)
	if allow == nil {
		allow = []repoGlob{{all: true}}
	}
	var exclude []string
	for _, d := range deny {
		exclude = append(exclude, d.exclude())
	}
	var jobs []Job
	for _, a := range allow {
		j := Job{Sources: []string{a.source(src)}, Exclude: append([]string(nil), exclude...),
			Targets: []Target{{Image: strings.TrimSuffix(tgt, "/") + "/${path}", Override: true}}}
		if a.prefix != "" { // regsync's P/.* does not select P itself, which P/** holds
			j.Exclude = append(j.Exclude, a.prefix)
		}
		for _, f := range filters {
			j.Tags = f
			jobs = append(jobs, j)
		}
	}
	for k := range jobs {
		jobs[k].Name = name
		if k > 0 {
			jobs[k].Name += "-" + itoa(k+1)
		}
	}
	return jobs
}

// repoGlob is a regsync repository pattern that a glob says exactly: every
// repository, one path, or every path under a prefix.
type repoGlob struct {
	all          bool
	path, prefix string
}

func (g repoGlob) source(host string) string {
	switch {
	case g.all:
		return host + "/**"
	case g.prefix != "":
		return host + "/" + g.prefix + "/**"
	}
	return host + "/" + g.path
}

func (g repoGlob) exclude() string {
	switch {
	case g.all:
		return "**"
	case g.prefix != "":
		return g.prefix + "/*/**" // under the prefix, not the prefix itself
	}
	return g.path
}

// repoGlobs reads repos.allow or repos.deny (matched as ^p$).
func (p *parser) repoGlobs(m *mapping, key string) []repoGlob {
	var out []repoGlob
	for i, s := range m.strings(key) {
		g, ok := toRepoGlob(s)
		if !ok {
			p.refuse(m.at(key)+"["+itoa(i)+"]", "imagesync selects repositories with /** sources and exclude globs: "+
				"write a path (team/app), a path and /.* (team/.*) or .*")
			continue
		}
		out = append(out, g)
	}
	return out
}

// toRepoGlob reads .*, a literal path, or a literal prefix and /.* (or
// /.+), by the parse of ^p$.
func toRepoGlob(p string) (repoGlob, bool) {
	re, err := syntax.Parse("^(?:"+p+")$", syntax.Perl)
	if err != nil || !sameRegexp("^"+p+"$", "^(?:"+p+")$") {
		return repoGlob{}, false
	}
	re = re.Simplify()
	if re.Op != syntax.OpConcat || len(re.Sub) < 3 {
		return repoGlob{}, false
	}
	body := re.Sub[1 : len(re.Sub)-1] // between ^ and $
	anything := func(r *syntax.Regexp) bool {
		return (r.Op == syntax.OpStar || r.Op == syntax.OpPlus) && (r.Sub[0].Op == syntax.OpAnyCharNotNL || r.Sub[0].Op == syntax.OpAnyChar)
	}
	switch {
	case len(body) == 1 && body[0].Op == syntax.OpStar && anything(body[0]):
		return repoGlob{all: true}, true
	case len(body) == 1 && body[0].Op == syntax.OpLiteral && body[0].Flags&syntax.FoldCase == 0:
		return repoGlob{path: string(body[0].Rune)}, true
	case len(body) == 2 && body[0].Op == syntax.OpLiteral && body[0].Flags&syntax.FoldCase == 0 && anything(body[1]):
		lit := string(body[0].Rune)
		if prefix, ok := strings.CutSuffix(lit, "/"); ok && prefix != "" {
			return repoGlob{prefix: prefix}, true
		}
	}
	return repoGlob{}, false
}

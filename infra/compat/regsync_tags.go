package compat

import (
	"gopkg.in/yaml.v3"
)

// regsyncTagFilters turns tags and tagSets into imagesync tag filters
// whose union selects what regsync selects: sets of allow patterns alone
// merge into one filter; a set with deny patterns stands alone; a set
// without patterns selects every tag. nil stands for no filter.
func (p *parser) regsyncTagFilters(tags, sets *yaml.Node, path string) []*Tags {
	var all []*Tags
	for i, s := range p.sequence(sets, path+".tagSets") {
		all = append(all, p.regsyncTagSet(s, path+".tagSets["+itoa(i)+"]"))
	}
	if tags != nil {
		all = append(all, p.regsyncTagSet(tags, path+".tags"))
	}
	if len(all) == 0 {
		return []*Tags{nil}
	}
	merged := &Tags{}
	var out []*Tags
	for _, t := range all {
		switch {
		case len(t.Include) == 0 && len(t.Exclude) == 0:
			return []*Tags{nil}
		case len(t.Exclude) == 0:
			merged.Include = append(merged.Include, t.Include...)
		default:
			out = append(out, t)
		}
	}
	if len(merged.Include) > 0 {
		out = append([]*Tags{merged}, out...)
	}
	return out
}

// regsyncTagSet reads one allow/deny set.
func (p *parser) regsyncTagSet(n *yaml.Node, path string) *Tags {
	m := p.mapping(n, path)
	t := &Tags{Include: p.patterns(m, "allow"), Exclude: p.patterns(m, "deny")}
	m.refuse("semverRange", "regsync's semverRange admits prereleases and versions of four numbers or more, "+
		"which imagesync's tags.semver (npm rules) leaves out: select the tags with allow and deny")
	m.rest(nil)
	return t
}

// patterns converts regsync's patterns to imagesync's (same tags).
func (p *parser) patterns(m *mapping, key string) []string {
	var out []string
	for i, s := range m.strings(key) {
		q, err := fromRegsync(s)
		if err != nil {
			p.refuse(m.at(key)+"["+itoa(i)+"]", "not a valid regular expression: "+err.Error())
			continue
		}
		out = append(out, q)
	}
	return out
}

package compat

import (
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// mapping is a YAML mapping whose keys are taken one by one: rest refuses
// every key left, so that no key goes unread.
type mapping struct {
	p    *parser
	path string
	keys []string
	vals map[string]*yaml.Node
	used map[string]bool
}

// mapping reads n as a mapping of scalar keys (an empty one for null).
func (p *parser) mapping(n *yaml.Node, path string) *mapping {
	m := &mapping{p: p, path: path, vals: map[string]*yaml.Node{}, used: map[string]bool{}}
	if n = p.resolve(n); isNull(n) {
		return m
	}
	if n.Kind != yaml.MappingNode {
		p.refuse(orRoot(path), "must be a mapping")
		return m
	}
	var merged []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := p.resolve(n.Content[i])
		switch {
		case k == nil || k.Kind != yaml.ScalarNode:
			p.refuse(orRoot(path), "keys must be strings")
		case k.Value == "<<":
			merged = append(merged, n.Content[i+1])
		case m.vals[k.Value] != nil:
			p.refuse(join(path, k.Value), "key given twice")
		default:
			m.keys = append(m.keys, k.Value)
			m.vals[k.Value] = n.Content[i+1]
		}
	}
	for _, mn := range merged {
		p.merge(m, mn, path)
	}
	return m
}

// merge adds the keys of a YAML merge (<<: *anchor, or a list of them)
// that the mapping does not set itself, as YAML merges them.
func (p *parser) merge(m *mapping, n *yaml.Node, path string) {
	n = p.resolve(n)
	var from []*yaml.Node
	switch {
	case n == nil:
		return
	case n.Kind == yaml.SequenceNode:
		from = n.Content
	default:
		from = []*yaml.Node{n}
	}
	for _, f := range from {
		src := p.mapping(f, path)
		for _, k := range src.keys {
			if m.vals[k] == nil {
				m.keys = append(m.keys, k)
				m.vals[k] = src.vals[k]
			}
		}
	}
}

// at is the path of key.
func (m *mapping) at(key string) string { return join(m.path, key) }

// take marks key read and returns its value (nil when absent or null).
func (m *mapping) take(key string) *yaml.Node {
	m.used[key] = true
	n := m.p.resolve(m.vals[key])
	if isNull(n) {
		return nil
	}
	return n
}

func (m *mapping) str(key string) (string, bool) { return m.p.scalar(m.take(key), m.at(key)) }
func (m *mapping) boolean(key string) *bool      { return m.p.boolean(m.take(key), m.at(key)) }
func (m *mapping) strings(key string) []string   { return m.p.strings(m.take(key), m.at(key)) }

// refuse refuses key, when present, for reason.
func (m *mapping) refuse(key, reason string) {
	if _, ok := m.vals[key]; ok && !m.used[key] {
		m.used[key] = true
		m.p.refuse(m.at(key), reason)
	}
}

// rest refuses every key not taken: those in reasons for their reason,
// the others as unknown. Keys that start with x- are user extensions,
// which regsync (and so imagesync) reads nothing from: YAML anchors live
// there.
func (m *mapping) rest(reasons map[string]string) {
	left := []string{}
	for _, k := range m.keys {
		if !m.used[k] && !(m.p.extensions && strings.HasPrefix(k, "x-")) {
			left = append(left, k)
		}
	}
	sort.Strings(left)
	for _, k := range left {
		reason, ok := reasons[k]
		if !ok {
			reason = "unknown key"
		}
		m.p.refuse(m.at(k), reason)
	}
}

// join is the path of key under path: path.key, or path["key"] for a
// key such as an image reference.
func join(path, key string) string {
	if !plainKey(key) {
		return path + "[" + strconv.Quote(key) + "]"
	}
	if path == "" {
		return key
	}
	return path + "." + key
}

func plainKey(k string) bool {
	for _, c := range k {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return k != ""
}

func orRoot(path string) string {
	if path == "" {
		return "(document)"
	}
	return path
}

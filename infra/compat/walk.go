package compat

import (
	"strconv"
	"strings"

	"github.com/imagesync/imagesync/core"
	"gopkg.in/yaml.v3"
)

// maxNodes bounds the YAML nodes a translation visits, aliases followed:
// a config of a few thousand lines stays far below it; an alias bomb does
// not.
const maxNodes = 200_000

// parser walks one input document, collecting refusals and notes.
type parser struct {
	errs      *core.ValidationError
	notes     []string
	budget    int
	exhausted bool
	env       func(string) string
	readFile  func(string) ([]byte, error)
	origins   []Origin
	// extensions accepts x-* keys (regsync's user extensions) anywhere.
	extensions bool
}

func (p *parser) refuse(path, reason string) { p.errs.Add(path, reason) }

// note records a key mapped onto a behaviour that differs in a detail.
func (p *parser) note(path, text string) { p.notes = append(p.notes, path+": "+text) }

// origin records that the output's path doc came from the input's from.
func (p *parser) origin(doc, from string) {
	if from != "" {
		p.origins = append(p.origins, Origin{Doc: doc, From: from})
	}
}

// resolve follows documents and aliases; nil when the budget is spent.
func (p *parser) resolve(n *yaml.Node) *yaml.Node {
	for n != nil && p.spend() {
		switch {
		case n.Kind == yaml.AliasNode:
			n = n.Alias
		case n.Kind == yaml.DocumentNode && len(n.Content) == 1:
			n = n.Content[0]
		case n.Kind == yaml.DocumentNode:
			return nil
		default:
			return n
		}
	}
	return nil
}

func (p *parser) spend() bool {
	if p.budget--; p.budget < 0 {
		if !p.exhausted {
			p.exhausted = true
			p.refuse("", "too many YAML nodes (aliases included): at most "+strconv.Itoa(maxNodes))
		}
		return false
	}
	return true
}

// isNull reports whether n is absent or YAML null (an empty value).
func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// sequence returns n's items, resolved (none for null; refused when n is
// not a list).
func (p *parser) sequence(n *yaml.Node, path string) []*yaml.Node {
	if n = p.resolve(n); isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		p.refuse(path, "must be a list")
		return nil
	}
	out := make([]*yaml.Node, 0, len(n.Content))
	for _, c := range n.Content {
		if c = p.resolve(c); c != nil {
			out = append(out, c)
		}
	}
	return out
}

// scalar returns n's text; ok is false (and n refused) when it is not a
// scalar. Numbers and booleans are read as written, as a string field
// reads them.
func (p *parser) scalar(n *yaml.Node, path string) (string, bool) {
	if n = p.resolve(n); isNull(n) {
		return "", false
	}
	if n.Kind != yaml.ScalarNode {
		p.refuse(path, "must be a string")
		return "", false
	}
	return n.Value, true
}

// strings reads a list of strings (a single string is refused: both tools
// want a list).
func (p *parser) strings(n *yaml.Node, path string) []string {
	var out []string
	for i, c := range p.sequence(n, path) {
		if s, ok := p.scalar(c, path+"["+strconv.Itoa(i)+"]"); ok {
			out = append(out, s)
		}
	}
	return out
}

// boolean reads true or false; nil when absent.
func (p *parser) boolean(n *yaml.Node, path string) *bool {
	s, ok := p.scalar(n, path)
	if !ok {
		return nil
	}
	b, err := strconv.ParseBool(strings.ToLower(s))
	if err != nil {
		p.refuse(path, "must be true or false")
		return nil
	}
	return &b
}

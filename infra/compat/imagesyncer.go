package compat

import (
	"strings"

	"gopkg.in/yaml.v3"
)

// imageSyncer translates an image-syncer configuration: its --config file
// ({auth, images}), or an --images file alone (the document is the
// images). An --auth file alone holds no rule to run and is refused.
func (p *parser) imageSyncer(root *yaml.Node) Doc {
	doc := Doc{Registry: &Registry{}}
	m := p.mapping(root, "")
	switch {
	case m.vals["images"] != nil:
		auth, images := m.take("auth"), m.take("images")
		m.rest(nil)
		p.syncerAuth(auth, "auth", doc.Registry)
		p.syncerImages(images, "images", &doc)
	case authFile(p, p.resolve(root)):
		p.refuse("(document)", "an image-syncer auth file holds no images to sync: give it as --auth beside the images file "+
			"as --config (image-syncer's --auth and --images), or write one file {auth: …, images: …} (image-syncer's --config form)")
	default:
		p.syncerImages(root, "", &doc)
	}
	if doc.Registry.isZero() {
		doc.Registry = nil
	}
	return doc
}

// WithAuth joins an image-syncer --auth file and --images file into the
// one-file form ({auth, images}) Translate reads.
func WithAuth(auth, images []byte) ([]byte, error) {
	a, err := parseNode(auth)
	if err != nil {
		return nil, err
	}
	i, err := parseNode(images)
	if err != nil {
		return nil, err
	}
	doc := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
		{Kind: yaml.ScalarNode, Value: "auth"}, unwrap(a),
		{Kind: yaml.ScalarNode, Value: "images"}, unwrap(i)}}
	return yaml.Marshal(doc)
}

func unwrap(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		return n.Content[0]
	}
	return n
}

// authFile reports whether n looks like an image-syncer auth file: every
// key a registry host (it has a '.' or ':'), every value a mapping of
// login fields.
func authFile(p *parser, n *yaml.Node) bool {
	if n == nil || n.Kind != yaml.MappingNode || len(n.Content) == 0 {
		return false
	}
	for i := 1; i < len(n.Content); i += 2 {
		v := p.resolve(n.Content[i])
		if v == nil || v.Kind != yaml.MappingNode || len(v.Content) == 0 || !strings.ContainsAny(n.Content[i-1].Value, ".:") {
			return false
		}
		for k := 0; k < len(v.Content); k += 2 {
			switch v.Content[k].Value {
			case "username", "password", "insecure", "disableexpandenv":
			default:
				return false
			}
		}
	}
	return true
}

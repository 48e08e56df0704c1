package compat

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"gopkg.in/yaml.v3"
)

// maxJSONDepth bounds nesting in a JSON input.
const maxJSONDepth = 64

// parseNode reads a YAML or JSON document into a node tree, keys in file
// order. JSON goes through encoding/json: image-syncer's JSON files may be
// indented with tabs, which YAML does not allow.
func parseNode(raw []byte) (*yaml.Node, error) {
	if t := bytes.TrimSpace(raw); len(t) > 0 && (t[0] == '{' || t[0] == '[') {
		if n, err := jsonNode(json.NewDecoder(bytes.NewReader(raw)), 0); err == nil {
			return n, nil
		}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, err
	}
	if doc.Kind == 0 {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"}, nil
	}
	return &doc, nil
}

// jsonNode reads one JSON value from d as a node.
func jsonNode(d *json.Decoder, depth int) (*yaml.Node, error) {
	if depth > maxJSONDepth {
		return nil, errors.New("nested too deep")
	}
	tok, err := d.Token()
	if err != nil {
		return nil, err
	}
	switch v := tok.(type) {
	case json.Delim:
		kind, end := yaml.MappingNode, json.Delim('}')
		if v == '[' {
			kind, end = yaml.SequenceNode, ']'
		}
		n := &yaml.Node{Kind: kind}
		for d.More() {
			if kind == yaml.MappingNode {
				k, err := d.Token()
				if err != nil {
					return nil, err
				}
				n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k.(string)})
			}
			c, err := jsonNode(d, depth+1)
			if err != nil {
				return nil, err
			}
			n.Content = append(n.Content, c)
		}
		if t, err := d.Token(); err != nil || t != end {
			return nil, fmt.Errorf("unclosed %v", v)
		}
		if depth == 0 {
			if _, err := d.Token(); err != io.EOF {
				return nil, errors.New("data after the JSON document")
			}
		}
		return n, nil
	case string:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}, nil
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(v)}, nil
	case float64:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!float", Value: strconv.FormatFloat(v, 'f', -1, 64)}, nil
	case nil:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null"}, nil
	}
	return nil, fmt.Errorf("unexpected JSON token %v", tok)
}

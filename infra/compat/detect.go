package compat

import (
	"sort"
	"strings"

	"github.com/imagesync/imagesync/core"
	"gopkg.in/yaml.v3"
)

// The top-level keys that name regsync's dialect (image-syncer's "auth" is
// also imagesync's: its "images" decides, see Detect).
var regsyncKeys = map[string]bool{"version": true, "creds": true, "defaults": true, "sync": true}

// Detect tells the dialect of a configuration by its shape: regsync's
// version/creds/defaults/sync, image-syncer's auth+images (its --config
// file) or a bare images file (image references mapped to one target or a
// list), else imagesync (whose strict loader reports what is wrong).
// native reports whether a top-level key is imagesync's. A document that
// mixes dialects is refused: --config-format settles it.
func Detect(raw []byte, native func(string) bool) (Format, error) {
	n, err := parseNode(raw)
	if err != nil {
		return Imagesync, nil // the YAML loader says what is wrong
	}
	p := &parser{errs: &core.ValidationError{}, budget: maxNodes}
	n = p.resolve(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return Imagesync, nil
	}
	var keys, mine, theirs []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i].Value
		keys = append(keys, k)
		if native(k) && k != "auth" {
			mine = append(mine, k)
		}
	}
	format := Imagesync
	switch {
	case anyKey(keys, regsyncKeys):
		format, theirs = Regsync, pick(keys, regsyncKeys)
	case anyKey(keys, map[string]bool{"images": true}):
		format, theirs = ImageSyncer, []string{"images"}
	case len(mine) == 0 && (imagesFile(p, n) || authFile(p, n)):
		return ImageSyncer, nil
	}
	if format != Imagesync && len(mine) > 0 {
		return format, core.Errorf(core.ErrInvalid, "config mixes imagesync keys (%s) with %s keys (%s): "+
			"keep one dialect, or name it with --config-format", strings.Join(mine, ", "), format, strings.Join(theirs, ", "))
	}
	return format, nil
}

func anyKey(keys []string, set map[string]bool) bool { return len(pick(keys, set)) > 0 }

func pick(keys []string, set map[string]bool) []string {
	var out []string
	for _, k := range keys {
		if set[k] {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// imagesFile reports whether a mapping looks like image-syncer's images
// file: every value is a string or a list of strings, and some key names
// an image (it has a '/', ':' or '@').
func imagesFile(p *parser, n *yaml.Node) bool {
	image := false
	for i := 0; i+1 < len(n.Content); i += 2 {
		if !stringOrList(p, n.Content[i+1]) {
			return false
		}
		image = image || strings.ContainsAny(n.Content[i].Value, "/:@")
	}
	return image
}

func stringOrList(p *parser, n *yaml.Node) bool {
	if n = p.resolve(n); n == nil {
		return false
	}
	if n.Kind == yaml.ScalarNode {
		return true
	}
	if n.Kind != yaml.SequenceNode {
		return false
	}
	for _, c := range n.Content {
		if c = p.resolve(c); c == nil || c.Kind != yaml.ScalarNode {
			return false
		}
	}
	return true
}

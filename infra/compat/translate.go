package compat

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/imagesync/imagesync/core"
	"gopkg.in/yaml.v3"
)

// maxInput bounds the size of a configuration read.
const maxInput = 4 << 20

// Options are what a translation reads besides the file.
type Options struct {
	// Getenv reads the environment for {{env "X"}} (regsync) and $X
	// (image-syncer) in user names and references (default os.Getenv).
	Getenv func(string) string
	// ReadFile reads {{file "X"}} in user names and references (default:
	// the file, up to 1 MiB).
	ReadFile func(string) ([]byte, error)
}

// Translate reads raw, a regsync or image-syncer configuration, into an
// imagesync document. The error is a *core.ValidationError (ErrInvalid)
// naming every key refused by its path in raw, and why.
func Translate(raw []byte, format Format, o Options) (*Result, error) {
	if len(raw) > maxInput {
		return nil, core.Errorf(core.ErrInvalid, "%s config: larger than %d bytes", format, maxInput)
	}
	n, err := parseNode(raw)
	if err != nil {
		return nil, core.Errorf(core.ErrInvalid, "%s config: %s", format, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	p := &parser{errs: &core.ValidationError{}, budget: maxNodes, env: o.Getenv, readFile: o.ReadFile}
	if p.env == nil {
		p.env = os.Getenv
	}
	if p.readFile == nil {
		p.readFile = readFileCapped
	}
	var doc Doc
	switch format {
	case Regsync:
		doc = p.regsync(n)
	case ImageSyncer:
		doc = p.imageSyncer(n)
	default:
		return nil, core.Errorf(core.ErrInvalid, "config format %q cannot be translated", format)
	}
	p.errs.Fields = unique(p.errs.Fields)
	if err := p.errs.Err(); err != nil {
		return nil, fmt.Errorf("%s config: %w", format, err)
	}
	return &Result{Format: format, Doc: doc, Notes: unique(p.notes), Origins: p.origins}, nil
}

// YAML is the document as imagesync YAML, headed by comments naming its
// origin and the notes.
func (r *Result) YAML() ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "# imagesync configuration translated from %s's configuration.\n", r.Format)
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "# note: %s\n", strings.ReplaceAll(n, "\n", " "))
	}
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(r.Doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// unique drops repeats (a default setting refused once per sync that
// inherits it), keeping the first of each.
func unique[T comparable](xs []T) []T {
	seen := map[T]bool{}
	out := xs[:0]
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

package compat

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"text/template"
	"text/template/parse"
)

// templateHelp ends a refused template's reason with what imagesync reads.
const templateHelp = "; imagesync evaluates regsync's templates once, at load: a source or target may use " +
	".Sync.Source, .Sync.Target and .Sync.Type, and the functions env, file, default, join, split, lower, upper, trimSpace and json"

// maxExpanded bounds what one expanded value may grow to.
const maxExpanded = 64 << 10

// expand evaluates a non-secret value's templates as regsync does when it
// loads its configuration: Go's text/template with regclient's functions
// (pkg/template) and, for a source or target, the sync step's
// .Sync.Source, .Sync.Target and .Sync.Type. env reads the variable, file
// the file's content with surrounding white space trimmed. A template
// that fails is refused with regsync's reason, not left empty.
func (p *parser) expand(s, path string, fields ...map[string]string) (string, bool) {
	if !strings.Contains(s, "{{") {
		return s, true
	}
	t, err := template.New("value").Option("missingkey=error").Funcs(p.templateFuncs()).Parse(s)
	if err == nil {
		err = boundedTemplate(t.Root)
	}
	if err == nil {
		var out cappedBuilder
		if err = t.Execute(&out, templateData(fields)); err == nil {
			return out.String(), true
		}
	}
	p.refuse(path, "template: "+strings.TrimPrefix(err.Error(), "template: ")+templateHelp)
	return "", false
}

// templateData is {Sync: {Source, Target, Type}} from fields' "Sync.X"
// keys (nil, with no fields: a value that uses none).
func templateData(fields []map[string]string) map[string]any {
	if len(fields) == 0 {
		return nil
	}
	sync := map[string]string{}
	for k, v := range fields[0] {
		if name, ok := strings.CutPrefix(k, "Sync."); ok {
			sync[name] = v
		}
	}
	return map[string]any{"Sync": sync}
}

// templateFuncs are regclient's template functions. time reads the clock,
// which a reference read once at start-up would freeze: it is refused,
// with the pretty printers no reference needs.
func (p *parser) templateFuncs() template.FuncMap {
	unsupported := func(name string) func(...any) (string, error) {
		return func(...any) (string, error) { return "", fmt.Errorf("%s is not supported by imagesync here", name) }
	}
	return template.FuncMap{
		"env": p.env,
		"file": func(name string) (string, error) {
			data, err := p.readFile(name)
			return strings.TrimSpace(string(data)), err
		},
		"default": func(def, v any) any {
			if v == nil || v == "" || v == 0 || v == false {
				return def
			}
			return v
		},
		"join":        strings.Join,
		"split":       strings.Split,
		"lower":       strings.ToLower,
		"upper":       strings.ToUpper,
		"trimSpace":   strings.TrimSpace,
		"json":        func(v any) (string, error) { b, err := json.Marshal(v); return string(b), err },
		"jsonPretty":  unsupported("jsonPretty"),
		"printPretty": unsupported("printPretty"),
		"time":        unsupported("time"),
	}
}

// boundedTemplate refuses the actions whose work a value does not bound:
// range (over a number, a billion turns) and template calls.
func boundedTemplate(n parse.Node) error {
	switch n := n.(type) {
	case *parse.RangeNode:
		return errors.New("range is not supported by imagesync here")
	case *parse.TemplateNode:
		return errors.New("template calls are not supported by imagesync here")
	case *parse.ListNode:
		if n == nil {
			return nil
		}
		for _, c := range n.Nodes {
			if err := boundedTemplate(c); err != nil {
				return err
			}
		}
	case *parse.IfNode:
		return errors.Join(boundedTemplate(n.List), boundedTemplate(n.ElseList))
	case *parse.WithNode:
		return errors.Join(boundedTemplate(n.List), boundedTemplate(n.ElseList))
	}
	return nil
}

// cappedBuilder is a strings.Builder that refuses to grow past maxExpanded.
type cappedBuilder struct{ strings.Builder }

func (b *cappedBuilder) Write(p []byte) (int, error) {
	if b.Len()+len(p) > maxExpanded {
		return 0, fmt.Errorf("the value grows past %d bytes", maxExpanded)
	}
	return b.Builder.Write(p)
}

package compat

import (
	"fmt"
	"io"
	"os"
	"strings"
	"text/template/parse"
)

// maxFileBytes bounds what {{file "…"}} reads into a non-secret value.
const maxFileBytes = 1 << 20

// tmplPart is one piece of a regsync template value: text, a call of env
// or file with its one string argument, or (fn "field") a field of the
// sync step such as .Sync.Source.
type tmplPart struct {
	text, fn, arg string
}

// templateReason is why a value's template is not one imagesync reads.
const templateReason = `only {{env "NAME"}}, {{file "PATH"}}, and in source and target {{.Sync.Source}}, {{.Sync.Target}} and {{.Sync.Type}}, and in backup {{.Ref.Tag}} templates are supported`

// knownFuncs are the functions a regsync template may call: Go's builtins
// and regclient's (pkg/template). Only env and file are evaluated; the
// others parse, so that the refusal can name the template.
var knownFuncs = func() map[string]any {
	m := map[string]any{}
	for _, f := range strings.Fields(`and call html index slice js len not or print printf println urlquery eq ge gt le lt ne
		default env file join json jsonPretty lower printPretty split time title trimSpace upper`) {
		m[f] = true
	}
	return m
}()

// parseTemplate splits s, a regsync value that may hold Go templates, into
// parts; reason says why it cannot (an unknown function, a pipeline, a
// field such as .Sync.Source).
func parseTemplate(s string) ([]tmplPart, string) {
	if !strings.Contains(s, "{{") {
		return []tmplPart{{text: s}}, ""
	}
	trees, err := parse.Parse("value", s, "{{", "}}", knownFuncs)
	if err != nil {
		return nil, "template: " + strings.TrimPrefix(err.Error(), "template: ")
	}
	var parts []tmplPart
	for _, n := range trees["value"].Root.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			parts = append(parts, tmplPart{text: string(n.Text)})
		case *parse.ActionNode:
			call, ok := envOrFile(n)
			if !ok {
				call, ok = syncField(n)
			}
			if !ok {
				return nil, templateReason + ", not " + n.String()
			}
			parts = append(parts, call)
		default:
			return nil, templateReason + ", not " + n.String()
		}
	}
	return parts, ""
}

// envOrFile reads {{env "X"}} or {{file "X"}}.
func envOrFile(a *parse.ActionNode) (tmplPart, bool) {
	if a.Pipe == nil || len(a.Pipe.Decl) > 0 || len(a.Pipe.Cmds) != 1 || len(a.Pipe.Cmds[0].Args) != 2 {
		return tmplPart{}, false
	}
	id, ok1 := a.Pipe.Cmds[0].Args[0].(*parse.IdentifierNode)
	arg, ok2 := a.Pipe.Cmds[0].Args[1].(*parse.StringNode)
	if !ok1 || !ok2 || (id.Ident != "env" && id.Ident != "file") {
		return tmplPart{}, false
	}
	return tmplPart{fn: id.Ident, arg: arg.Text}, true
}

// syncField reads {{.Sync.Source}}, {{.Sync.Target}}, {{.Sync.Type}} or
// (in a backup) {{.Ref.Tag}}.
func syncField(a *parse.ActionNode) (tmplPart, bool) {
	if a.Pipe == nil || len(a.Pipe.Decl) > 0 || len(a.Pipe.Cmds) != 1 || len(a.Pipe.Cmds[0].Args) != 1 {
		return tmplPart{}, false
	}
	f, ok := a.Pipe.Cmds[0].Args[0].(*parse.FieldNode)
	if !ok || len(f.Ident) != 2 {
		return tmplPart{}, false
	}
	switch name := f.Ident[0] + "." + f.Ident[1]; name {
	case "Sync.Source", "Sync.Target", "Sync.Type", "Ref.Tag":
		return tmplPart{fn: "field", arg: name}, true
	}
	return tmplPart{}, false
}

// evalPart is the value of one part of a template.
func (p *parser) evalPart(part tmplPart, path string, fields ...map[string]string) (string, bool) {
	switch part.fn {
	case "env":
		return p.env(part.arg), true
	case "file":
		data, err := p.readFile(part.arg)
		if err != nil {
			p.refuse(path, fmt.Sprintf("{{file %q}}: %v", part.arg, err))
			return "", false
		}
		return strings.TrimSpace(string(data)), true
	case "field":
		if len(fields) > 0 {
			if v, ok := fields[0][part.arg]; ok {
				return v, true
			}
		}
		p.refuse(path, "{{."+part.arg+"}} is not known here")
		return "", false
	}
	return part.text, true
}

// secretRef reads a secret value: it must be exactly {{env "NAME"}} or
// {{file "PATH"}}, which imagesync reads when it logs in. A secret written
// in the file itself is refused.
func (p *parser) secretRef(s, path string) (fn, arg string, ok bool) {
	parts, reason := parseTemplate(strings.TrimSpace(s))
	switch {
	case reason != "":
		p.refuse(path, reason)
	case len(parts) == 1 && (parts[0].fn == "env" || parts[0].fn == "file"):
		return parts[0].fn, parts[0].arg, true
	default:
		p.refuse(path, `imagesync reads secrets from the environment or a file, never from the configuration: `+
			`write {{env "NAME"}} or {{file "PATH"}} (regsync reads those too)`)
	}
	return "", "", false
}

// readFileCapped reads a file of at most maxFileBytes.
func readFileCapped(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFileBytes+1))
	if err == nil && len(data) > maxFileBytes {
		err = fmt.Errorf("larger than %d bytes", maxFileBytes)
	}
	return data, err
}

package compat

import (
	"strings"
)

// regsyncBackup reads a backup template as an imagesync backup tag
// template: text, {{env}}/{{file}} values and {{.Ref.Tag}} (the target tag
// replaced, ${tag}). regsync reads a value with ':' or '/' as a whole
// reference elsewhere; imagesync keeps a backup as a tag of the target
// repository only.
func (p *parser) regsyncBackup(s, path string) (string, bool) {
	parts, reason := parseTemplate(strings.TrimSpace(s))
	if reason != "" {
		p.refuse(path, reason)
		return "", false
	}
	var b strings.Builder
	for _, part := range parts {
		switch {
		case part.fn == "field" && part.arg == "Ref.Tag":
			b.WriteString("${tag}")
			continue
		case part.fn == "field":
			p.refuse(path, "{{."+part.arg+"}}: a backup names a tag from {{.Ref.Tag}}, text and {{env}} or {{file}} values")
			return "", false
		}
		v, ok := p.evalPart(part, path)
		if !ok {
			return "", false
		}
		b.WriteString(v)
	}
	out := b.String()
	if strings.ContainsAny(out, ":/") || strings.Count(out, "${") != strings.Count(out, "${tag}") {
		p.refuse(path, "imagesync keeps a backup as a tag in the target repository: name a tag, such as bkup-{{.Ref.Tag}}")
		return "", false
	}
	return out, true
}

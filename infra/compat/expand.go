package compat

import (
	"errors"
	"fmt"
	"strings"
	"text/template/parse"
)

// templateHelp ends a refused template's reason with what imagesync reads.
const templateHelp = "; imagesync evaluates regsync's templates once, at load: a source or target may use " +
	".Sync.Source, .Sync.Target and .Sync.Type, and the functions env, file, default, join, split, lower, upper, " +
	"trimSpace, json, index, len, print and printf"

// maxExpanded bounds what one expanded value may grow to.
const maxExpanded = 64 << 10

// expand evaluates a non-secret value's templates as regsync does when it
// loads its configuration: Go template syntax with regclient's functions
// (pkg/template) and, for a source or target, the sync step's
// .Sync.Source, .Sync.Target and .Sync.Type. env reads the variable, file
// the file's content with surrounding white space trimmed. A template
// that fails is refused with the reason, not left empty.
//
// The evaluator is ours (eval.go), over text/template/parse's tree:
// text/template's executor calls reflect's MethodByName, which makes the
// linker keep every exported method of every type in the binary (42.9 MB
// against 24.0 MB for bin/imagesync).
func (p *parser) expand(s, path string, fields ...map[string]string) (string, bool) {
	if !strings.Contains(s, "{{") {
		return s, true
	}
	trees, err := parse.Parse("value", s, "{{", "}}", knownFuncs)
	if err == nil {
		e := &evaluator{p: p, sync: syncFields(fields)}
		if err = e.list(trees["value"].Root); err == nil {
			return e.out.String(), true
		}
	}
	p.refuse(path, "template: "+strings.TrimPrefix(err.Error(), "template: ")+templateHelp)
	return "", false
}

// syncFields is {Source, Target, Type} from fields' "Sync.X" keys (nil,
// with no fields: a value that may use none).
func syncFields(fields []map[string]string) map[string]string {
	if len(fields) == 0 {
		return nil
	}
	sync := map[string]string{}
	for k, v := range fields[0] {
		if name, ok := strings.CutPrefix(k, "Sync."); ok {
			sync[name] = v
		}
	}
	return sync
}

// cappedBuilder is a strings.Builder that refuses to grow past maxExpanded.
type cappedBuilder struct{ strings.Builder }

func (b *cappedBuilder) WriteString(s string) error {
	if b.Len()+len(s) > maxExpanded {
		return fmt.Errorf("the value grows past %d bytes", maxExpanded)
	}
	_, _ = b.Builder.WriteString(s)
	return nil
}

// errUnsupported says what imagesync does not evaluate.
func errUnsupported(what string) error {
	return errors.New(what + " is not supported by imagesync here")
}

package compat

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/template/parse"
)

// evaluator runs one regsync template: text, and actions whose pipelines
// call functions on strings, lists of strings and numbers. Control
// structures (if, range, with), variables and templates are refused: no
// reference needs them, and none can make evaluation loop.
type evaluator struct {
	p    *parser
	sync map[string]string // .Sync's fields, nil where a value has none
	out  cappedBuilder
}

// list writes the value of a template's top-level nodes.
func (e *evaluator) list(l *parse.ListNode) error {
	for _, n := range l.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			if err := e.out.WriteString(string(n.Text)); err != nil {
				return err
			}
		case *parse.CommentNode:
		case *parse.ActionNode:
			v, err := e.pipe(n.Pipe)
			if err == nil {
				err = e.out.WriteString(text(v))
			}
			if err != nil {
				return err
			}
		case *parse.IfNode:
			return errUnsupported("if")
		case *parse.RangeNode:
			return errUnsupported("range")
		case *parse.WithNode:
			return errUnsupported("with")
		default:
			return errUnsupported(n.String())
		}
	}
	return nil
}

// pipe is a pipeline's value: each command's result is the last argument
// of the next, as in text/template.
func (e *evaluator) pipe(p *parse.PipeNode) (any, error) {
	if len(p.Decl) > 0 {
		return nil, errUnsupported("a variable")
	}
	var v any
	for i, c := range p.Cmds {
		var err error
		if v, err = e.command(c, v, i > 0); err != nil {
			return nil, err
		}
	}
	return v, nil
}

func (e *evaluator) command(c *parse.CommandNode, piped any, hasPiped bool) (any, error) {
	if id, ok := c.Args[0].(*parse.IdentifierNode); ok {
		args := make([]any, 0, len(c.Args))
		for _, a := range c.Args[1:] {
			v, err := e.arg(a)
			if err != nil {
				return nil, err
			}
			args = append(args, v)
		}
		if hasPiped {
			args = append(args, piped)
		}
		return e.call(id.Ident, args)
	}
	if len(c.Args) > 1 || hasPiped {
		return nil, fmt.Errorf("%s is not a function: it takes no arguments", c.Args[0])
	}
	return e.arg(c.Args[0])
}

// arg is the value of one operand.
func (e *evaluator) arg(n parse.Node) (any, error) {
	switch n := n.(type) {
	case *parse.StringNode:
		return n.Text, nil
	case *parse.NumberNode:
		if !n.IsInt {
			return nil, fmt.Errorf("%s: only whole numbers are supported", n.Text)
		}
		return int(n.Int64), nil
	case *parse.BoolNode:
		return n.True, nil
	case *parse.FieldNode:
		return e.field(n.Ident)
	case *parse.PipeNode:
		return e.pipe(n)
	case *parse.IdentifierNode:
		return e.call(n.Ident, nil)
	case *parse.ChainNode:
		if _, err := e.arg(n.Node); err != nil {
			return nil, err
		}
		return nil, errUnsupported("a field of a value (" + n.String() + ")")
	case *parse.VariableNode:
		return nil, errUnsupported("a variable")
	}
	return nil, errUnsupported(n.String())
}

// field is .Sync.Source, .Sync.Target or .Sync.Type.
func (e *evaluator) field(ident []string) (any, error) {
	if len(ident) != 2 || ident[0] != "Sync" || e.sync == nil {
		return nil, fmt.Errorf(".%s is not known here", strings.Join(ident, "."))
	}
	v, ok := e.sync[ident[1]]
	if !ok {
		return nil, fmt.Errorf("map has no entry for key %q", ident[1])
	}
	return v, nil
}

// text is how a value is written, as text/template writes it.
func text(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case nil:
		return "<no value>"
	}
	return fmt.Sprint(v)
}

// jsonText is regclient's json function: the value as JSON, with a newline.
func jsonText(v any) (any, error) {
	b, err := json.Marshal(v)
	return string(b) + "\n", err
}

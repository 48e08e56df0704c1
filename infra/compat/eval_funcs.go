package compat

import (
	"fmt"
	"strings"
)

// call runs one of regclient's template functions (pkg/template), or one
// of Go's builtins a reference may use (index, len, print, printf).
func (e *evaluator) call(name string, args []any) (any, error) {
	switch name {
	case "env":
		s, err := strArgs(name, args, 1)
		if err != nil {
			return nil, err
		}
		return e.p.env(s[0]), nil
	case "file":
		s, err := strArgs(name, args, 1)
		if err != nil {
			return nil, err
		}
		data, err := e.p.readFile(s[0])
		if err != nil {
			return nil, fmt.Errorf("file %q: %w", s[0], err)
		}
		return strings.TrimSpace(string(data)), nil
	case "lower", "upper", "trimSpace":
		s, err := strArgs(name, args, 1)
		if err != nil {
			return nil, err
		}
		return map[string]func(string) string{"lower": strings.ToLower, "upper": strings.ToUpper,
			"trimSpace": strings.TrimSpace}[name](s[0]), nil
	case "split":
		s, err := strArgs(name, args, 2)
		if err != nil {
			return nil, err
		}
		return strings.Split(s[0], s[1]), nil
	case "join":
		var list []string
		var sep string
		ok := len(args) == 2
		if ok {
			list, ok = args[0].([]string)
		}
		if ok {
			sep, ok = args[1].(string)
		}
		if !ok {
			return nil, fmt.Errorf("join takes a list of strings and a separator")
		}
		return strings.Join(list, sep), nil
	case "default":
		if len(args) != 2 {
			return nil, fmt.Errorf("default takes two arguments, got %d", len(args))
		}
		if v := args[1]; v != nil && v != "" && v != 0 && v != false {
			return v, nil
		}
		return args[0], nil
	case "json":
		if len(args) != 1 {
			return nil, fmt.Errorf("json takes one argument, got %d", len(args))
		}
		return jsonText(args[0])
	}
	return e.builtin(name, args)
}

// builtin runs Go's index, len, print and printf on strings and lists.
func (e *evaluator) builtin(name string, args []any) (any, error) {
	switch name {
	case "index":
		return index(args)
	case "len":
		if len(args) == 1 {
			switch v := args[0].(type) {
			case string:
				return len(v), nil
			case []string:
				return len(v), nil
			}
		}
		return nil, fmt.Errorf("len takes a string or a list")
	case "print":
		return fmt.Sprint(args...), nil
	case "printf":
		if len(args) == 0 {
			return nil, fmt.Errorf("printf takes a format string first")
		}
		format, ok := args[0].(string)
		if !ok {
			return nil, fmt.Errorf("printf takes a format string first")
		}
		return fmt.Sprintf(format, args[1:]...), nil
	case "time", "jsonPretty", "printPretty":
		return nil, errUnsupported(name)
	}
	return nil, errUnsupported("the function " + name)
}

// index is list[i][j]...: of a list of strings, a string.
func index(args []any) (any, error) {
	if len(args) == 0 {
		return nil, fmt.Errorf("index takes a list and indexes")
	}
	v := args[0]
	for _, a := range args[1:] {
		i, ok := a.(int)
		list, isList := v.([]string)
		switch {
		case !ok || !isList:
			return nil, fmt.Errorf("index takes a list of strings and whole numbers")
		case i < 0 || i >= len(list):
			return nil, fmt.Errorf("error calling index: index out of range: %d", i)
		}
		v = list[i]
	}
	return v, nil
}

// strArgs checks that args are n strings.
func strArgs(name string, args []any, n int) ([]string, error) {
	if len(args) != n {
		return nil, fmt.Errorf("%s takes %d argument(s), got %d", name, n, len(args))
	}
	out := make([]string, n)
	for i, a := range args {
		s, ok := a.(string)
		if !ok {
			return nil, fmt.Errorf("%s takes strings, got %s", name, text(a))
		}
		out[i] = s
	}
	return out, nil
}

package main

import (
	"encoding/json"
	"errors"
	"flag"
	"io"
)

// outputValue is --output: how a command writes its result on stdout.
type outputValue struct {
	format string // "text", "json", or "" (text on a terminal, else json)
}

func (o *outputValue) String() string { return o.format }

func (o *outputValue) Set(s string) error {
	if s != "text" && s != "json" {
		return errors.New("must be text or json")
	}
	o.format = s
	return nil
}

// outputFlag defines --output with a default format; "" picks text when
// stdout is a terminal and JSON when it is a pipe or a file.
func outputFlag(fs *flag.FlagSet, def string) *outputValue {
	o := &outputValue{format: def}
	usage := "result on stdout in `FORMAT`: text or json"
	if def == "" {
		usage += " (default text on a terminal, else json)"
	}
	fs.Var(o, "output", usage)
	return o
}

// json reports whether the result goes to w as JSON.
func (o *outputValue) json(w io.Writer) bool {
	if o.format == "" {
		return !isTerminal(w)
	}
	return o.format == "json"
}

func writeJSON(w io.Writer, v any) {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

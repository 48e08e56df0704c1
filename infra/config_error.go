package infra

import (
	"strconv"
	"strings"

	"github.com/imagesync/imagesync/core"
)

// ConfigError lists every problem that loading a configuration found, in
// one pass: unknown keys, values of the wrong type or form, and values
// that break a rule, each named by where it came from (the file, or the
// environment) and its path in it. It is core.ErrInvalid.
type ConfigError struct {
	Problems []Problem
}

// Problem is one thing wrong with a configuration.
type Problem struct {
	Source string // the file name, or "environment"
	Path   string // e.g. onPush[0].targets[1].image, or IMAGESYNC_HISTORY
	Reason string
}

func (e *ConfigError) Error() string {
	var b strings.Builder
	n := len(e.Problems)
	b.WriteString("config: " + strconv.Itoa(n) + " problem")
	if n != 1 {
		b.WriteString("s")
	}
	for _, p := range e.Problems {
		b.WriteString("\n  " + p.Source + ": " + p.Path + ": " + p.Reason)
	}
	return b.String()
}

// Unwrap makes a ConfigError match core.ErrInvalid.
func (e *ConfigError) Unwrap() error { return core.ErrInvalid }

// add records the problems of v as coming from source.
func (e *ConfigError) add(source string, v *core.ValidationError) {
	for _, f := range v.Fields {
		e.Problems = append(e.Problems, Problem{Source: source, Path: f.Field, Reason: f.Reason})
	}
}

// err returns nil when nothing was found, else e.
func (e *ConfigError) err() error {
	if len(e.Problems) == 0 {
		return nil
	}
	return e
}

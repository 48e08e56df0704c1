package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// listFlag is a flag that may be given more than once.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

// flags starts a command's FlagSet. The flag package prints nothing: parse
// reports errors and help itself, naming flags as users type them (--name).
func (cmd *command) flags() *flag.FlagSet {
	fs := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parse parses args (flags before or after the positional arguments) and
// checks that between lo and hi positional arguments remain (hi < 0: no
// bound). When done, the command returns code at once: 0 after --help
// (printed on stdout), 2 after bad input (said on stderr).
func (cmd *command) parse(c *cli, fs *flag.FlagSet, args []string, lo, hi int) (done bool, code int) {
	err := fs.Parse(interleaved(fs, args))
	switch {
	case errors.Is(err, flag.ErrHelp):
		cmd.help(c.stdout, fs)
		return true, exitOK
	case err != nil:
		return true, cmd.bad(c, flagWords(err.Error()))
	case fs.NArg() > hi && hi >= 0:
		extra := fs.Args()[hi:]
		return true, cmd.bad(c, fmt.Sprintf("unexpected argument %q: usage: imagesync %s %s", extra[0], cmd.name, cmd.usage[0]))
	case fs.NArg() < lo:
		return true, cmd.bad(c, fmt.Sprintf("missing arguments: usage: imagesync %s %s", cmd.name, cmd.usage[0]))
	}
	return false, exitOK
}

// bad says what was wrong with the command line and exits 2.
func (cmd *command) bad(c *cli, msg string) int {
	fmt.Fprintf(c.stderr, "imagesync %s: %s\nRun 'imagesync %s --help' for usage.\n", cmd.name, msg, cmd.name)
	return exitUsage
}

// interleaved moves flags ahead of positional arguments, so that
// "sync SRC DST --override" works as well as "sync --override SRC DST". A
// flag takes the next argument as its value unless fs says it is boolean
// (or the value is attached with "=").
func interleaved(fs *flag.FlagSet, args []string) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--":
			pos = append(pos, args[i+1:]...)
			i = len(args)
		case len(a) > 1 && a[0] == '-':
			flags = append(flags, a)
			if takesValue(fs, a) && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
		default:
			pos = append(pos, a)
		}
	}
	if len(pos) == 0 {
		return flags
	}
	return append(append(flags, "--"), pos...)
}

// takesValue reports whether the flag a, as typed, is followed by its
// value: a flag fs knows that is not boolean, written without "=value".
func takesValue(fs *flag.FlagSet, a string) bool {
	name := strings.TrimLeft(a, "-")
	if strings.Contains(name, "=") {
		return false
	}
	f := fs.Lookup(name)
	if f == nil {
		return false // unknown: Parse reports it
	}
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return !ok || !b.IsBoolFlag()
}

// dashed finds the flag package's one-dash flag names ("-config").
var dashed = regexp.MustCompile(`(^|[\s:])-([A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)*)\b`)

// flagWords writes a flag package message with flags named as users type
// them: --config, not -config (one-letter flags such as -v keep one dash).
func flagWords(msg string) string {
	return dashed.ReplaceAllStringFunc(msg, func(m string) string {
		i := strings.Index(m, "-")
		if len(m)-i-1 == 1 {
			return m
		}
		return m[:i] + "-" + m[i:]
	})
}

// help prints the command's usage lines, what it does, its examples and
// its flags.
func (cmd *command) help(w io.Writer, fs *flag.FlagSet) {
	var b strings.Builder
	b.WriteString("Usage:\n")
	for _, u := range cmd.usage {
		fmt.Fprintf(&b, "  imagesync %s %s\n", cmd.name, u)
	}
	if cmd.about != "" {
		b.WriteString("\n" + strings.TrimSpace(cmd.about) + "\n")
	}
	b.WriteString("\nExamples:\n")
	for _, e := range cmd.examples {
		b.WriteString("  " + e + "\n")
	}
	if fs != nil {
		if table := flagTable(fs); table != "" {
			b.WriteString("\nFlags:\n" + table)
		}
	}
	fmt.Fprint(w, b.String())
}

// flagTable lists fs's flags as "--name VALUE   usage (default x)".
func flagTable(fs *flag.FlagSet) string {
	type row struct{ left, right string }
	var rows []row
	width := 0
	fs.VisitAll(func(f *flag.Flag) {
		kind, usage := flag.UnquoteUsage(f)
		left := "--" + f.Name
		if len(f.Name) == 1 {
			left = "-" + f.Name
		}
		if kind != "" {
			left += " " + kind
		}
		if d := f.DefValue; d != "" && d != "0" && d != "false" && d != "0s" {
			usage += " (default " + d + ")"
		}
		rows = append(rows, row{left, usage})
		width = max(width, len(left))
	})
	var b strings.Builder
	for _, r := range rows {
		fmt.Fprintf(&b, "  %-*s  %s\n", width, r.left, r.right)
	}
	return b.String()
}

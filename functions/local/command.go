package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// command is one subcommand: what its --help shows and what it runs. Each
// lives in its own file and registers itself there, so that adding one
// touches no other file.
type command struct {
	name     string
	summary  string   // one line, for the command list
	usage    []string // usage lines after "imagesync NAME", e.g. "SRC DST [flags]"
	about    string   // what it does, shown under the usage lines
	examples []string // at least two, each optionally preceded by a "# comment" line
	run      func(ctx context.Context, c *cli, args []string) int
}

// commands are the registered subcommands, by name.
var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("imagesync: command " + c.name + " registered twice")
	}
	commands[c.name] = c
}

// cli is what every command runs with: the process's streams and
// environment, given rather than taken, so that tests run commands in
// process.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

// Exit codes, as README documents them.
const (
	exitOK          = 0
	exitFailed      = 1   // a sync (or another operation) failed
	exitUsage       = 2   // bad input: flags, arguments, configuration, an unknown job
	exitInterrupted = 130 // interrupted (Ctrl-C, SIGTERM)
)

// run is main without the process: it returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	c := &cli{stdin: os.Stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	return c.dispatch(ctx, args)
}

func (c *cli) dispatch(ctx context.Context, args []string) int {
	if len(args) == 0 {
		c.usage(c.stderr)
		return exitUsage
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			cmd, ok := commands[args[1]]
			if !ok {
				fmt.Fprintf(c.stderr, "imagesync: unknown command %q\nRun 'imagesync --help' for the list of commands.\n", args[1])
				return exitUsage
			}
			return cmd.run(ctx, c, []string{"--help"})
		}
		c.usage(c.stdout)
		return exitOK
	case "-version", "--version":
		return commands["version"].run(ctx, c, nil)
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(c.stderr, "imagesync: unknown command %q\nRun 'imagesync --help' for the list of commands.\n", args[0])
		return exitUsage
	}
	return cmd.run(ctx, c, args[1:])
}

// usage is the top-level help: every command with its summary.
func (c *cli) usage(w io.Writer) {
	names := make([]string, 0, len(commands))
	width := 0
	for n := range commands {
		names = append(names, n)
		width = max(width, len(n))
	}
	sort.Strings(names)
	var b strings.Builder
	b.WriteString("imagesync keeps container images in step across registries.\n\nUsage:\n  imagesync COMMAND [ARGS] [flags]\n\nCommands:\n")
	for _, n := range names {
		fmt.Fprintf(&b, "  %-*s  %s\n", width, n, commands[n].summary)
	}
	b.WriteString("\nRun 'imagesync COMMAND --help' for a command's arguments, flags and examples.\n\n" + exitCodes)
	fmt.Fprint(w, b.String())
}

const exitCodes = `Exit codes:
  0    success
  1    a sync (or another operation) failed
  2    bad input: an unknown flag or command, a wrong number of arguments,
       an invalid configuration, an unknown job
  130  interrupted (Ctrl-C)
`

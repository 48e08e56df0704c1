package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// -update rewrites the golden files of the help texts:
// go test ./functions/local -run TestHelp -update
var update = flag.Bool("update", false, "rewrite the golden files in testdata/help")

func runIn(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut, noenv)
	return code, out.String(), errOut.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "help", name+".txt")
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(got), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "no golden file: run go test ./functions/local -run TestHelp -update")
	assert.Equal(t, string(want), got, "help of %s changed: run with -update if on purpose", name)
}

// Every command's --help exits 0 and shows, on stdout, its usage line
// with its arguments, two examples or more, and its flags as --flags.
func TestHelpOfEveryCommand(t *testing.T) {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			code, out, errOut := runIn(name, "--help")
			require.Equal(t, 0, code, errOut)
			assert.Empty(t, errOut)
			assert.True(t, strings.HasPrefix(out, "Usage:\n  imagesync "+name+" "), out)
			examples := strings.Split(out[strings.Index(out, "Examples:\n"):], "\n\n")[0]
			n := 0
			for _, l := range strings.Split(examples, "\n") {
				if !strings.HasPrefix(l, "  #") && strings.Contains(l, "imagesync "+name) {
					n++
				}
			}
			assert.GreaterOrEqual(t, n, 2, "two examples: %s", examples)
			assert.NotRegexp(t, `(?m)^  -[a-z][a-z]`, out, "flags are shown as --flag")
			golden(t, name, out)

			for _, again := range [][]string{{name, "-h"}, {"help", name}} {
				code, same, _ := runIn(again...)
				assert.Equal(t, 0, code)
				assert.Equal(t, out, same, again)
			}
		})
	}
	code, out, _ := runIn("--help")
	assert.Equal(t, 0, code)
	golden(t, "imagesync", out)
	for _, name := range names {
		assert.Contains(t, out, "\n  "+name+" ", "the command list names %s", name)
	}
}

// Exit codes as documented: 0 ok, 1 a failed sync (elsewhere), 2 bad
// input of any kind, each said on stderr in one line plus a pointer to
// --help, naming flags as flags.
func TestExitCodesForBadInput(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "imagesync.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte("jobs:\n  - {name: stable, sources: [r.io/a], targets: [{image: s.io/a}]}\n"), 0o600))
	for _, tc := range []struct {
		args []string
		want string // on stderr
	}{
		{nil, "Usage:"},
		{[]string{"bogus"}, `unknown command "bogus"`},
		{[]string{"help", "bogus"}, `unknown command "bogus"`},
		{[]string{"sync", "only-one"}, "imagesync sync: missing arguments: usage: imagesync sync SRC DST [flags]"},
		{[]string{"sync", "r.io/a:1", "s.io/a", "extra"}, `imagesync sync: unexpected argument "extra"`},
		{[]string{"serve", "extra-arg"}, `imagesync serve: unexpected argument "extra-arg"`},
		{[]string{"serve", "--nope"}, "flag provided but not defined: --nope"},
		{[]string{"sync", "--latest", "x", "r.io/a", "s.io/a"}, `invalid value "x" for flag --latest`},
		{[]string{"sync", "--output", "yaml", "r.io/a:1", "s.io/a"}, `invalid value "yaml" for flag --output: must be text or json`},
		{[]string{"sync", "--log-level", "loud", "r.io/a:1", "s.io/a"}, "for flag --log-level: must be debug, info, warn or error"},
		{[]string{"sync", "--config"}, "flag needs an argument: --config"},
		{[]string{"sync", "r.io/a:1", "s.io/a", "--prune"}, "--prune works on tag sets"},
		{[]string{"sync", "r.io/a:1", "s.io/a", "--src-creds-env", "NOPE_UNSET"}, "--src-creds-env NOPE_UNSET: the environment variable is empty or unset"},
		{[]string{"sync", "r.io/Bad:1", "s.io/a"}, "invalid"},
		{[]string{"once"}, "--config (or IMAGESYNC_CONFIG)"},
		{[]string{"once", "--config", cfg, "extra"}, `unexpected argument "extra"`},
		{[]string{"once", "--config", cfg, "--job", "nope"}, "--job nope: no such job (the configuration has: stable)"},
		{[]string{"once", "--config", filepath.Join(t.TempDir(), "missing.yaml")}, "reading config"},
		{[]string{"version", "extra"}, `unexpected argument "extra"`},
	} {
		code, _, errOut := runIn(tc.args...)
		assert.Equal(t, 2, code, "%v: %s", tc.args, errOut)
		assert.Contains(t, errOut, tc.want, tc.args)
	}
}

func TestFlagWords(t *testing.T) {
	for in, want := range map[string]string{
		"flag provided but not defined: -nope":          "flag provided but not defined: --nope",
		`invalid value "x" for flag -progress-interval`: `invalid value "x" for flag --progress-interval`,
		"flag provided but not defined: -v":             "flag provided but not defined: -v",
		"bad range 1-2 in -3":                           "bad range 1-2 in -3",
	} {
		assert.Equal(t, want, flagWords(in))
	}
}

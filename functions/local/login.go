package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/docker/cli/cli/config/types"
)

func init() {
	register(&command{
		name:    "login",
		summary: "log in to a registry: store a login in docker's config.json (or its credential helper)",
		usage:   []string{"HOST [-u USER] [--password-stdin] [flags]"},
		about: `
Checks the login against HOST's registry, then stores it where docker and
crane keep it: the credential helper docker's config.json names for HOST
(credHelpers), else its credsStore, else the file itself, in $DOCKER_CONFIG
or ~/.docker. Every later command (sync, once, serve) uses it for HOST.
The password comes from stdin (--password-stdin) or, on a terminal, from a
prompt that does not echo: never from the command line.`,
		examples: []string{
			`echo "$REGISTRY_TOKEN" | imagesync login registry.example.com -u ci --password-stdin`,
			"imagesync login localhost:5000 -u admin",
		},
		run: loginCmd,
	})
}

func loginCmd(ctx context.Context, c *cli, args []string) int {
	cmd := commands["login"]
	fs := cmd.flags()
	user := fs.String("u", "", "`USER` name (default: asked on a terminal)")
	fs.StringVar(user, "username", "", "`USER` name, as -u")
	fromStdin := fs.Bool("password-stdin", false, "read the password (or token) from stdin")
	check := fs.Bool("check", true, "check the login against the registry before storing it")
	if done, code := cmd.parse(c, fs, args, 1, 1); done {
		return code
	}
	host := fs.Arg(0)
	key, err := registryKey(host)
	if err != nil {
		return cmd.bad(c, err.Error())
	}
	in := bufio.NewReader(c.stdin)
	if *user == "" {
		if *user, err = c.prompt(in, "Username: ", true); err != nil {
			return cmd.bad(c, "-u USER is required: "+err.Error())
		}
	}
	password, err := c.password(in, *fromStdin)
	if err != nil {
		return cmd.bad(c, err.Error())
	}
	if *check {
		if err := checkLogin(ctx, host, *user, password); err != nil {
			fmt.Fprintln(c.stderr, "imagesync login:", err)
			return exitFailed
		}
	}
	cf, err := c.dockerConfig()
	if err != nil {
		fmt.Fprintln(c.stderr, "imagesync login:", err)
		return exitFailed
	}
	auth := types.AuthConfig{ServerAddress: key, Username: *user, Password: password}
	if err := cf.GetCredentialsStore(key).Store(auth); err != nil {
		fmt.Fprintln(c.stderr, "imagesync login: storing the login:", err)
		return exitFailed
	}
	if err := cf.Save(); err != nil {
		fmt.Fprintln(c.stderr, "imagesync login:", err)
		return exitFailed
	}
	fmt.Fprintf(c.stdout, "Login Succeeded: %s as %s (stored in %s)\n", key, *user, storeName(cf, key))
	return exitOK
}

// password reads the secret: all of stdin with --password-stdin (one
// trailing newline dropped), else a prompt that does not echo, on a
// terminal only.
func (c *cli) password(in *bufio.Reader, fromStdin bool) (string, error) {
	if fromStdin {
		b, err := io.ReadAll(in)
		if err != nil {
			return "", fmt.Errorf("--password-stdin: %w", err)
		}
		p := strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r")
		if p == "" {
			return "", errors.New("--password-stdin: stdin held no password")
		}
		return p, nil
	}
	p, err := c.prompt(in, "Password: ", false)
	if err != nil {
		return "", errors.New("give the password on stdin with --password-stdin (" + err.Error() + ")")
	}
	return p, nil
}

// prompt asks for one line on the terminal (echoing it or not).
func (c *cli) prompt(in *bufio.Reader, question string, echo bool) (string, error) {
	if !isTerminal(c.stdin) {
		return "", errors.New("stdin is not a terminal")
	}
	restore := func() {}
	if !echo {
		restore = noEcho(c.stdin) // before the question: what is typed after it is never shown
	}
	fmt.Fprint(c.stderr, question)
	line, err := in.ReadString('\n')
	restore()
	if !echo {
		fmt.Fprintln(c.stderr)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		if err == nil {
			err = errors.New("nothing was typed")
		}
		return "", err
	}
	return line, nil
}

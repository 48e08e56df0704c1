package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/core"
)

// credFlags are --src-creds-env/--src-creds-file and their --dest-
// twins: a login for SRC's or DST's registry as USER:PASS, read from an
// environment variable or a file, so that the secret never shows on the
// command line (ps, shell history) as skopeo's --src-creds would.
type credFlags struct {
	srcEnv, srcFile, dstEnv, dstFile string
}

func addCredFlags(fs *flag.FlagSet) *credFlags {
	f := &credFlags{}
	fs.StringVar(&f.srcEnv, "src-creds-env", "", "log in to SRC's registry as USER:PASS, read from environment variable `NAME`")
	fs.StringVar(&f.srcFile, "src-creds-file", "", "log in to SRC's registry as USER:PASS, read from `FILE`")
	fs.StringVar(&f.dstEnv, "dest-creds-env", "", "log in to DST's registry as USER:PASS, read from environment variable `NAME`")
	fs.StringVar(&f.dstFile, "dest-creds-file", "", "log in to DST's registry as USER:PASS, read from `FILE`")
	return f
}

// logins reads the logins the flags name, each for the registry host of
// src or dst. They come before the configuration's and docker's.
func (f *credFlags) logins(getenv func(string) string, src, dst string) ([]registry.Credential, error) {
	var out []registry.Credential
	for _, side := range []struct{ flag, env, file, image string }{
		{"src", f.srcEnv, f.srcFile, src},
		{"dest", f.dstEnv, f.dstFile, dst},
	} {
		if side.env == "" && side.file == "" {
			continue
		}
		c, err := login(getenv, side.flag, side.env, side.file, side.image)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func login(getenv func(string) string, side, env, file, image string) (registry.Credential, error) {
	var raw, from string
	switch {
	case env != "" && file != "":
		return registry.Credential{}, fmt.Errorf("give --%s-creds-env or --%s-creds-file, not both", side, side)
	case env != "":
		raw, from = getenv(env), fmt.Sprintf("--%s-creds-env %s", side, env)
		if raw == "" {
			return registry.Credential{}, fmt.Errorf("%s: the environment variable is empty or unset", from)
		}
	default:
		from = fmt.Sprintf("--%s-creds-file %s", side, file)
		b, err := os.ReadFile(file)
		if err != nil {
			return registry.Credential{}, fmt.Errorf("%s: %w", from, err)
		}
		raw = strings.TrimRight(string(b), "\r\n")
	}
	user, pass, ok := strings.Cut(raw, ":")
	if !ok || user == "" || pass == "" {
		return registry.Credential{}, fmt.Errorf("%s: must hold USER:PASS", from)
	}
	ref, reason := core.ParseReference(image)
	if reason != "" {
		return registry.Credential{}, fmt.Errorf("%s: %s", strings.ToUpper(map[string]string{"src": "src", "dest": "dst"}[side]), reason)
	}
	return registry.Credential{Host: ref.Registry, Username: user, Password: pass}, nil
}

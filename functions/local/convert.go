package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/imagesync/imagesync/infra"
	"github.com/imagesync/imagesync/infra/compat"
)

func init() {
	register(&command{
		name:    "convert",
		summary: "print the imagesync configuration of a regsync or image-syncer one",
		usage:   []string{"[--from regsync|image-syncer] [--auth AUTH] FILE"},
		about: `
Prints the imagesync YAML equivalent to a regsync configuration or an
image-syncer one (its --config file, or an --images file, with --auth for
its auth file), headed by notes on the keys mapped with a difference. Every
key imagesync cannot honour is refused with its path and why (exit 2).
once, serve and check read those files as they are too (--config-format).`,
		examples: []string{
			"imagesync convert regsync.yml > imagesync.yaml",
			"imagesync convert --from image-syncer --auth auth.json images.json",
		},
		run: convertCmd,
	})
}

// convertCmd prints the imagesync configuration of a regsync or
// image-syncer one.
func convertCmd(_ context.Context, c *cli, args []string) int {
	cmd := commands["convert"]
	fs := cmd.flags()
	from := fs.String("from", "", "`DIALECT` of FILE: regsync or image-syncer (default: told by its shape)")
	auth := fs.String("auth", "", "image-syncer's auth `FILE`, joined with the images FILE")
	if done, code := cmd.parse(c, fs, args, 1, 1); done {
		return code
	}
	raw, format, err := convertInput(fs.Arg(0), *auth, *from)
	if err == nil && format == compat.Imagesync {
		err = fmt.Errorf("%s is neither regsync's nor image-syncer's configuration (it reads as imagesync's): name its dialect with --from", fs.Arg(0))
	}
	if err != nil {
		return cmd.bad(c, err.Error())
	}
	t, err := compat.Translate(raw, format, compat.Options{Getenv: c.getenv})
	if err != nil {
		fmt.Fprintf(c.stderr, "imagesync convert: %s: %v\n", fs.Arg(0), err)
		return exitUsage
	}
	out, err := t.YAML()
	if err != nil {
		fmt.Fprintln(c.stderr, "imagesync convert:", err)
		return exitFailed
	}
	_, _ = c.stdout.Write(out)
	return exitOK
}

// convertInput reads the file (joined with an image-syncer auth file) and
// tells its dialect.
func convertInput(path, auth, from string) ([]byte, compat.Format, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, "", err
	}
	if auth != "" {
		a, err := os.ReadFile(auth)
		if err != nil {
			return nil, "", err
		}
		if raw, err = compat.WithAuth(a, raw); err != nil {
			return nil, "", err
		}
		from = string(compat.ImageSyncer)
	}
	format, err := infra.ConfigFormat(raw, from)
	return raw, format, err
}

// dialect is --config-format and --auth: how to read a --config written
// for regsync or image-syncer.
type dialect struct{ format, auth *string }

// dialectFlags adds --config-format and --auth.
func dialectFlags(fs *flag.FlagSet) dialect {
	return dialect{format: configFormatFlag(fs), auth: fs.String("auth", "",
		"image-syncer's auth `FILE`, read with --config as image-syncer reads --auth with --images")}
}

// env is getenv where IMAGESYNC_CONFIG_FORMAT and IMAGESYNC_CONFIG_AUTH
// say what the flags gave.
func (d dialect) env(getenv func(string) string) func(string) string {
	getenv = withFormat(getenv, *d.format)
	if *d.auth == "" {
		return getenv
	}
	return func(k string) string {
		if k == infra.EnvConfigAuth {
			return *d.auth
		}
		return getenv(k)
	}
}

// configFormatFlag adds --config-format: the dialect of --config.
func configFormatFlag(fs *flag.FlagSet) *string {
	return fs.String("config-format", "", "`DIALECT` of --config: imagesync, regsync or image-syncer (default: told by its shape)")
}

// withFormat is getenv where IMAGESYNC_CONFIG_FORMAT says format, when
// --config-format gave one.
func withFormat(getenv func(string) string, format string) func(string) string {
	if format == "" {
		return getenv
	}
	return func(k string) string {
		if k == "IMAGESYNC_CONFIG_FORMAT" {
			return format
		}
		return getenv(k)
	}
}

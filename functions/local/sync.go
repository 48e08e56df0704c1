package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/infra"
)

func init() {
	register(&command{
		name:    "sync",
		summary: "copy one image, or the tags of a repository, to another registry",
		usage: []string{
			"SRC DST [flags]",
			"SRC-REPO DST-REPO (--all-tags | --include RE | --exclude RE | --semver RANGE | --latest N) [--prune] [flags]",
		},
		about: `
Copies SRC to DST when DST lacks it (multi-arch indexes whole, digest for
digest); the target tag defaults to the source tag. With --all-tags or a tag
filter, SRC and DST name repositories and every selected tag is synced.
A DST tag holding another digest is kept unless --override is given.
Logins: --src-creds-env/--dest-creds-env (or -file), 'imagesync login', the
config's registry.credentials, docker's config.json and credential helpers.
TLS: --src-tls/--dest-tls, --src-ca/--dest-ca, --insecure (or registry.hosts).
SRC or DST may be an OCI image layout directory: oci:PATH[:TAG] (oci:PATH
for a tag set), copied digest for digest.`,
		examples: []string{
			"# copy one image; the target keeps the tag v1",
			"imagesync sync localhost:5000/team/app:v1 localhost:5001/mirror/app",
			"# the 3 highest 3.x tags of alpine, with a login read from $MIRROR_LOGIN (user:password)",
			`imagesync sync docker.io/library/alpine localhost:5001/library/alpine --semver ">=3.19" --latest 3 --dest-creds-env MIRROR_LOGIN`,
		},
		run: syncCmd,
	})
}

// syncFlags are the flags of sync.
type syncFlags struct {
	override, dryRun, progress, allTags, prune bool
	config, semver, order                      string
	every                                      time.Duration
	include, exclude                           listFlag
	latest, conc                               int
	platforms                                  listFlag
	tls                                        tlsFlags
	log                                        *logFlags
	creds                                      *credFlags
	output                                     *outputValue
}

func addSyncFlags(fs *flag.FlagSet, getenv func(string) string) *syncFlags {
	f := &syncFlags{}
	fs.BoolVar(&f.override, "override", false, "replace a target tag that holds another digest")
	fs.BoolVar(&f.dryRun, "dry-run", false, "compare and report, change nothing")
	fs.StringVar(&f.config, "config", getenv("IMAGESYNC_CONFIG"), "YAML configuration `FILE` (default $IMAGESYNC_CONFIG)")
	fs.BoolVar(&f.progress, "progress", true, "show progress on stderr: a bar on a terminal, else plain lines")
	fs.DurationVar(&f.every, "progress-interval", 0, "`INTERVAL` between progress updates (default 200ms on a terminal, else 5s)")
	fs.BoolVar(&f.allTags, "all-tags", false, "sync every tag of the SRC repository (SRC and DST name repositories)")
	fs.Var(&f.include, "include", "sync the tags matching this regexp `RE` (anchored; repeatable)")
	fs.Var(&f.exclude, "exclude", "leave out the tags matching this regexp `RE` (anchored; repeatable)")
	fs.StringVar(&f.semver, "semver", "", "sync the tags in this semver `RANGE`, e.g. \">=1.25 <2\"")
	fs.IntVar(&f.latest, "latest", 0, "sync only the first `N` tags in --order")
	fs.StringVar(&f.order, "order", core.OrderSemver, "tag `ORDER`: semver (highest version first) or pushed (last pushed first: Docker Hub, quay.io, Harbor, ECR, SWR, ACR EE, Artifact Registry, GCR)")
	fs.BoolVar(&f.prune, "prune", false, "delete DST tags that pass the filter and are gone from SRC")
	fs.IntVar(&f.conc, "concurrency", 0, "`N` tags synced at once (default: the config's concurrency, 8)")
	f.tls.register(fs)
	fs.Var(&f.platforms, "platform", "copy only this platform of an index, `os/arch[/variant]` (repeatable); all: the whole index (default: registry.platforms, else all)")
	f.log, f.creds, f.output = addLogFlags(fs), addCredFlags(fs), outputFlag(fs, "")
	return f
}

// syncCmd copies one image, or — with --all-tags or a tag filter — the
// tags of a repository, as a job run once.
func syncCmd(ctx context.Context, c *cli, args []string) int {
	cmd := commands["sync"]
	fs := cmd.flags()
	f := addSyncFlags(fs, c.getenv)
	if done, code := cmd.parse(c, fs, args, 2, 2); done {
		return code
	}
	src, dst := fs.Arg(0), fs.Arg(1)
	filter := core.TagFilter{Include: f.include, Exclude: f.exclude, Semver: f.semver, Latest: f.latest, Order: f.order}
	if filter.Order == core.OrderSemver {
		filter.Order = "" // the default, as configuration files leave it
	}
	tagSet := f.allTags || !filter.IsZero()
	if f.prune && !tagSet {
		return cmd.bad(c, "--prune works on tag sets: add --all-tags or a tag filter")
	}
	if registry.IsLayout(src) || registry.IsLayout(dst) {
		return syncLayout(ctx, c, f, layoutSync{src: src, dst: dst, override: f.override, dryRun: f.dryRun,
			tagSet: tagSet, prune: f.prune, filter: filter, platforms: f.platforms, tls: f.tls})
	}
	if ref, reason := core.ParseReference(src); tagSet && reason == "" && (ref.Tag != "" || ref.Digest != "") {
		return cmd.bad(c, fmt.Sprintf("SRC %s names a tag or digest: --all-tags and the tag filters select the tags of a repository; name it without one", src))
	}
	if ref, reason := core.ParseReference(dst); tagSet && reason == "" && (ref.Tag != "" || ref.Digest != "") && filter.Latest != 1 {
		return cmd.bad(c, fmt.Sprintf("DST %s names a tag: every tag of SRC would be written to it, each over the last; "+
			"name a repository (each tag keeps its name), or pass --latest 1", dst))
	}
	logins, err := f.creds.logins(c.getenv, src, dst)
	if err != nil {
		return cmd.bad(c, err.Error())
	}
	s, code := c.session(f.config, f.conc, f.log, logins, func(cfg *infra.Config) error { return f.tls.apply(cfg, src, dst) })
	if s == nil {
		return code
	}
	if tagSet {
		job := core.Job{Name: "sync", Sources: []string{src}, Tags: filter, Platforms: f.platforms,
			Targets: []core.TargetTemplate{{Endpoint: core.Endpoint{Image: dst}, Override: f.override}}}
		if f.prune {
			job.Prune, job.Owns = true, []string{owned(dst)}
		}
		return syncTagSet(ctx, c, s, f, job)
	}
	req := core.SyncRequest{Source: core.Endpoint{Image: src}, Target: core.Endpoint{Image: dst},
		Override: f.override, DryRun: f.dryRun, Platforms: f.platforms}
	return syncOne(ctx, c, s, f, req)
}

// owned is the repository a pruning tag set owns: DST as the engine names
// it (alpine: docker.io/library/alpine), or as given when it is a template.
func owned(dst string) string {
	if ref, reason := core.ParseReference(dst); reason == "" {
		return ref.Name()
	}
	return dst
}

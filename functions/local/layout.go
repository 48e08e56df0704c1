package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/infra"
)

// layoutSync is sync with an OCI image layout (oci:PATH[:TAG]) on one side:
// one image, or a tag set, copied byte for byte between a registry and the
// layout, one tag at a time (a layout's index.json takes one writer).
type layoutSync struct {
	src, dst         string
	override, dryRun bool
	tagSet, prune    bool
	filter           core.TagFilter
	platforms        []string
	tls              tlsFlags
}

// syncLayout runs l with sync's flags: configuration, logins, TLS
// settings and logging as for a copy between registries.
func syncLayout(ctx context.Context, c *cli, f *syncFlags, l layoutSync) int {
	if err := l.check(); err != nil {
		return commands["sync"].bad(c, err.Error())
	}
	regSrc, regDst := registrySide(l.src), registrySide(l.dst)
	logins, err := f.creds.logins(c.getenv, regSrc, regDst)
	if err != nil {
		return commands["sync"].bad(c, err.Error())
	}
	s, code := c.session(f.config, f.conc, f.log, logins, func(cfg *infra.Config) error { return l.tls.apply(cfg, regSrc, regDst) })
	if s == nil {
		return code
	}
	secrets := s.cfg.Secrets()
	for _, lg := range logins {
		secrets = append(secrets, []byte(lg.Password))
	}
	eng, err := infra.RegistryEngine(s.cfg, f.log.logger(s.con, s.cfg.Log, secrets))
	if err != nil {
		fmt.Fprintln(c.stderr, "imagesync:", err)
		return exitUsage
	}
	if l.tagSet {
		out, err := l.copyTags(ctx, eng)
		return c.report(f.output, out, err)
	}
	task, err := l.copyOne(ctx, eng, l.src, l.dst)
	if err != nil {
		return c.fail(err)
	}
	if f.output.json(c.stdout) {
		writeJSON(c.stdout, task)
	} else {
		fmt.Fprintln(c.stdout, taskLine(task))
	}
	return exitOK
}

// check refuses what layouts do not take.
func (l layoutSync) check() error {
	srcL, dstL := registry.IsLayout(l.src), registry.IsLayout(l.dst)
	switch {
	case srcL && dstL:
		return errors.New("SRC and DST are both OCI layouts: copy one of them to a registry")
	case l.prune:
		return errors.New("--prune does not apply to OCI layouts")
	case len(l.platforms) > 0:
		return errors.New("--platform does not apply to OCI layouts: they are copied whole")
	case l.filter.Order == core.OrderPushed && srcL:
		return errors.New("--order pushed: an OCI layout does not say when its tags were pushed")
	case srcL && (l.tls.srcTLS != "" || l.tls.srcCA != ""), dstL && (l.tls.dstTLS != "" || l.tls.dstCA != ""):
		return errors.New("the TLS flags of an OCI layout side mean nothing: it is a directory")
	}
	for _, s := range []string{l.src, l.dst} {
		var tag string
		if registry.IsLayout(s) {
			ref, err := registry.ParseLayout(s)
			if err != nil {
				return err
			}
			tag = ref.Tag
		} else if ref, reason := core.ParseReference(s); reason == "" {
			tag = ref.Tag + ref.Digest
		}
		if l.tagSet && tag != "" {
			return fmt.Errorf("%s names a tag: a tag set takes a repository or a layout (each tag keeps its name)", s)
		}
	}
	return nil
}

// registrySide is s, or "" when s is an OCI layout.
func registrySide(s string) string {
	if registry.IsLayout(s) {
		return ""
	}
	return s
}

// copyOne copies src to dst, one of them a layout.
func (l layoutSync) copyOne(ctx context.Context, eng *registry.Engine, src, dst string) (core.Task, error) {
	if registry.IsLayout(dst) {
		ref, err := registry.ParseLayout(dst)
		if err != nil {
			return core.Task{}, err
		}
		return eng.ToLayout(ctx, src, ref, l.override, l.dryRun)
	}
	ref, err := registry.ParseLayout(src)
	if err != nil {
		return core.Task{}, err
	}
	return eng.FromLayout(ctx, ref, dst, l.override, l.dryRun)
}

package main

import (
	"context"
	"fmt"

	"github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/core"
)

// copyTags copies the tags of the source (a repository or a layout) that
// the filter selects, one at a time, each to the tag of the same name.
// Like a job it goes on past a failed tag; the error is the first
// transient failure, for the exit code.
func (l layoutSync) copyTags(ctx context.Context, eng *registry.Engine) (core.JobOutcome, error) {
	out := core.JobOutcome{Name: "sync"}
	tags, err := l.sourceTags(ctx, eng)
	if err != nil {
		out.Notes = append(out.Notes, "source "+l.src+": "+err.Error())
		out.Unlisted = []string{l.src}
		return out, err
	}
	var first error
	for _, tag := range l.filter.Select(tags) {
		src, dst := withTag(l.src, tag), withTag(l.dst, tag)
		task, err := l.copyOne(ctx, eng, src, dst)
		switch {
		case err != nil:
			out.Failed = append(out.Failed, core.Failure{Source: core.Endpoint{Image: src}, Target: core.Endpoint{Image: dst},
				Kind: core.KindOf(err), Reason: err.Error()})
			if first == nil && core.IsKind(err, core.ErrUnavailable, core.ErrThrottled) {
				first = err
			}
		case task.Skipped:
			out.Skipped++
		case l.dryRun:
			out.Planned = append(out.Planned, core.Planned{Source: task.Source, Target: task.Target, Engine: task.Engine,
				Digest: task.Digest, Override: l.override})
		default:
			out.Copied++
			out.Tasks = append(out.Tasks, task)
		}
	}
	return out, first
}

func (l layoutSync) sourceTags(ctx context.Context, eng *registry.Engine) ([]string, error) {
	if !registry.IsLayout(l.src) {
		ref, reason := core.ParseReference(l.src)
		if reason != "" {
			return nil, core.Errorf(core.ErrInvalid, "%s: %s", l.src, reason)
		}
		return eng.ListTags(ctx, ref.Name())
	}
	ref, err := registry.ParseLayout(l.src)
	if err != nil {
		return nil, err
	}
	return registry.LayoutTags(ref.Path)
}

// withTag is s (a repository or a layout) with tag.
func withTag(s, tag string) string {
	if registry.IsLayout(s) {
		ref, _ := registry.ParseLayout(s)
		ref.Tag = tag
		return ref.String()
	}
	return fmt.Sprintf("%s:%s", s, tag)
}

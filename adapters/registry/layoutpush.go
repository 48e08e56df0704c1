package registry

import (
	"context"
	"fmt"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/imagesync/imagesync/core"
)

// FromLayout copies the entry tagged src.Tag (or the layout's only entry)
// of the OCI image layout at src to dst, a registry reference (its tag
// defaults to src's), byte for byte: dst then has the entry's digest. As
// a sync: a target that holds the digest is a no-op (Skipped), one that
// holds another is ErrConflict unless override; a dry run writes nothing.
func (e *Engine) FromLayout(ctx context.Context, src LayoutRef, dst string, override, dryRun bool) (core.Task, error) {
	p, err := openLayout(src.Path, false)
	if err != nil {
		return core.Task{}, err
	}
	d, err := layoutEntry(p, &src)
	if err != nil {
		return core.Task{}, err
	}
	ref, err := layoutTarget(dst, src.Tag)
	if err != nil {
		return core.Task{}, err
	}
	task := layoutTask(src.String(), ref.String(), override, dryRun)
	task.Digest = d.Digest.String()
	opts := e.remoteOptions(ctx)
	have, err := remote.Head(ref, opts...)
	switch {
	case err != nil && !notFound(err):
		return core.Task{}, classify(err, "reading target "+ref.String())
	case err == nil && have.Digest == d.Digest:
		task.Skipped = true
		return task, nil
	case err == nil && !override:
		return core.Task{}, core.Errorf(core.ErrConflict, "target %s holds %s, not %s; set override to replace it", ref, have.Digest, d.Digest)
	case dryRun:
		return task, nil
	}
	if err := pushLayout(p, d, ref, opts); err != nil {
		return core.Task{}, classify(err, fmt.Sprintf("copying %s to %s", src, ref))
	}
	if have, err = remote.Head(ref, opts...); err != nil {
		return core.Task{}, classify(err, "verifying target "+ref.String())
	}
	if have.Digest != d.Digest {
		return core.Task{}, fmt.Errorf("target %s resolves to %s after the copy, want %s: %w", ref, have.Digest, d.Digest, core.ErrUnavailable)
	}
	return task, nil
}

// layoutEntry finds src's entry; without a tag, the layout's only one
// (src.Tag then becomes its tag, if it has one).
func layoutEntry(p layout.Path, src *LayoutRef) (v1.Descriptor, error) {
	im, err := indexOf(p)
	if err != nil {
		return v1.Descriptor{}, err
	}
	if src.Tag == "" {
		if len(im.Manifests) != 1 {
			return v1.Descriptor{}, core.Errorf(core.ErrInvalid, "source %s holds %d entries: name one, oci:PATH:TAG", src, len(im.Manifests))
		}
		src.Tag = tagOf(im.Manifests[0])
		return im.Manifests[0], nil
	}
	d, ok := tagged(im, src.Tag)
	if !ok {
		return v1.Descriptor{}, core.Errorf(core.ErrNotFound, "source %s: no entry tagged %s", src, src.Tag)
	}
	return d, nil
}

// layoutTarget is dst with a tag: its own, else tag.
func layoutTarget(dst, tag string) (name.Tag, error) {
	r, reason := core.ParseReference(dst)
	switch {
	case reason != "":
		return name.Tag{}, core.Errorf(core.ErrInvalid, "target %q: %s", dst, reason)
	case r.Digest != "":
		return name.Tag{}, core.Errorf(core.ErrInvalid, "target %q: a target is named by tag", dst)
	case r.Tag == "" && tag == "":
		return name.Tag{}, core.Errorf(core.ErrInvalid, "target %q: name the tag (the layout entry has none)", dst)
	case r.Tag == "":
		dst = r.Name() + ":" + tag
	}
	t, err := name.NewTag(dst, name.StrictValidation)
	if err != nil {
		return name.Tag{}, core.Errorf(core.ErrInvalid, "target %q: %v", dst, err)
	}
	return t, nil
}

// pushLayout writes the entry d of p, and what it refers to, to ref.
func pushLayout(p layout.Path, d v1.Descriptor, ref name.Tag, opts []remote.Option) error {
	ii, err := p.ImageIndex()
	if err != nil {
		return err
	}
	switch {
	case d.MediaType.IsIndex():
		idx, err := ii.ImageIndex(d.Digest)
		if err != nil {
			return err
		}
		return remote.WriteIndex(ref, idx, opts...)
	case d.MediaType.IsImage():
		img, err := ii.Image(d.Digest)
		if err != nil {
			return err
		}
		return remote.Write(ref, img, opts...)
	}
	return core.Errorf(core.ErrInvalid, "entry %s is a %s: only images and indexes are copied", d.Digest, d.MediaType)
}

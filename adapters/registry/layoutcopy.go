package registry

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/match"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
	"github.com/imagesync/imagesync/core"
)

// ToLayout copies the image or index at src (a registry reference with a
// tag or digest) into the OCI image layout at dst, tagged dst.Tag (default:
// src's tag), byte for byte: the layout's entry has src's digest. The
// directory is created when missing. As a sync: an entry already tagged
// with that digest is a no-op (Skipped), one with another digest is
// ErrConflict unless override; a dry run compares and writes nothing.
// Writes to one layout must not run at once (its index.json is rewritten).
func (e *Engine) ToLayout(ctx context.Context, src string, dst LayoutRef, override, dryRun bool) (core.Task, error) {
	ref, err := name.ParseReference(src, name.StrictValidation)
	if err != nil {
		return core.Task{}, core.Errorf(core.ErrInvalid, "source %q: %v", src, err)
	}
	if t, ok := ref.(name.Tag); ok && dst.Tag == "" {
		dst.Tag = t.TagStr()
	}
	if dst.Tag == "" {
		return core.Task{}, core.Errorf(core.ErrInvalid, "target %s: name the tag, oci:PATH:TAG", dst)
	}
	task := layoutTask(src, dst.String(), override, dryRun)
	opts := e.remoteOptions(ctx)
	head, err := remote.Head(ref, opts...)
	if err != nil {
		return core.Task{}, classify(err, "reading source "+src)
	}
	task.Digest = head.Digest.String()
	p, err := openLayout(dst.Path, !dryRun)
	if err == nil {
		err = compareLayout(p, dst, head.Digest, override, &task)
	} else if dryRun && errors.Is(err, core.ErrNotFound) {
		err = nil // a dry run into a layout still to be made
	}
	if err != nil || task.Skipped || dryRun {
		return task, err
	}
	desc, err := remote.Get(ref.Context().Digest(head.Digest.String()), opts...)
	if err == nil {
		err = writeLayout(p, desc, dst.Tag)
	}
	if err != nil {
		return core.Task{}, classify(err, fmt.Sprintf("copying %s to %s", src, dst))
	}
	return task, verifyLayout(p, dst, head.Digest)
}

func layoutTask(src, dst string, override, dryRun bool) core.Task {
	return core.Task{Engine: core.EngineRegistry, Status: core.StatusSuccess, Source: core.Endpoint{Image: src},
		Target: core.Endpoint{Image: dst}, Override: override, DryRun: dryRun}
}

// compareLayout sets task.Skipped when dst's tag holds want already; a
// tag that holds another digest is ErrConflict unless override.
func compareLayout(p layout.Path, dst LayoutRef, want v1.Hash, override bool, task *core.Task) error {
	im, err := indexOf(p)
	if err != nil {
		return err
	}
	d, ok := tagged(im, dst.Tag)
	switch {
	case ok && d.Digest == want:
		task.Skipped = true
	case ok && !override:
		return core.Errorf(core.ErrConflict, "target %s holds %s, not %s; set override to replace it", dst, d.Digest, want)
	}
	return nil
}

// writeLayout writes desc's manifest tree into p, blobs first, then its
// index.json entry, tagged tag (replacing the one tagged so before).
func writeLayout(p layout.Path, desc *remote.Descriptor, tag string) error {
	tagOnly := layout.WithAnnotations(map[string]string{refName: tag})
	switch {
	case desc.MediaType.IsIndex():
		idx, err := desc.ImageIndex()
		if err != nil {
			return err
		}
		return p.ReplaceIndex(idx, match.Annotation(refName, tag), tagOnly)
	case desc.MediaType.IsImage():
		img, err := desc.Image()
		if err != nil {
			return err
		}
		return p.ReplaceImage(img, match.Annotation(refName, tag), tagOnly)
	}
	return core.Errorf(core.ErrInvalid, "manifest of media type %s: only images and indexes go into an OCI layout", desc.MediaType)
}

func verifyLayout(p layout.Path, dst LayoutRef, want v1.Hash) error {
	im, err := indexOf(p)
	if err != nil {
		return err
	}
	if d, ok := tagged(im, dst.Tag); !ok || d.Digest != want {
		return fmt.Errorf("target %s does not hold %s after the copy: %w", dst, want, core.ErrUnavailable)
	}
	return nil
}

// notFound reports whether a registry answered 404.
func notFound(err error) bool {
	var terr *transport.Error
	return errors.As(err, &terr) && terr.StatusCode == http.StatusNotFound
}

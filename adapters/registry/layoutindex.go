package registry

import (
	"errors"
	"io/fs"
	"os"
	"slices"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/imagesync/imagesync/core"
)

// openLayout opens the OCI image layout at path; with create, a missing
// or empty directory becomes an empty layout.
func openLayout(path string, create bool) (layout.Path, error) {
	p, err := layout.FromPath(path)
	if err == nil {
		return p, nil
	}
	if !create || !errors.Is(err, fs.ErrNotExist) {
		return "", core.Errorf(core.ErrNotFound, "OCI layout %s: %v", path, err)
	}
	if entries, rerr := os.ReadDir(path); rerr == nil && len(entries) > 0 {
		return "", core.Errorf(core.ErrInvalid, "OCI layout %s: the directory holds other files and no index.json", path)
	}
	if p, err = layout.Write(path, empty.Index); err != nil {
		return "", core.Errorf(core.ErrInvalid, "creating OCI layout %s: %v", path, err)
	}
	return p, nil
}

// tagged returns the index.json entry tagged tag: its ref.name is the tag,
// or, as some tools write it, a reference ending in :tag (when only one
// entry does).
func tagged(im *v1.IndexManifest, tag string) (v1.Descriptor, bool) {
	var suffixed []v1.Descriptor
	for _, d := range im.Manifests {
		switch name := d.Annotations[refName]; {
		case name == tag:
			return d, true
		case strings.HasSuffix(name, ":"+tag) && !strings.Contains(name[strings.LastIndexByte(name, ':'):], "/"):
			suffixed = append(suffixed, d)
		}
	}
	if len(suffixed) == 1 {
		return suffixed[0], true
	}
	return v1.Descriptor{}, false
}

// LayoutTags lists the tags of the OCI image layout at path: the ref.name
// of each index.json entry (the part after the last colon, for one that
// is a full reference), sorted, each once.
func LayoutTags(path string) ([]string, error) {
	p, err := openLayout(path, false)
	if err != nil {
		return nil, err
	}
	im, err := indexOf(p)
	if err != nil {
		return nil, err
	}
	var tags []string
	for _, d := range im.Manifests {
		if tag := tagOf(d); tag != "" {
			tags = append(tags, tag)
		}
	}
	slices.Sort(tags)
	return slices.Compact(tags), nil
}

// tagOf is the tag of an index.json entry: its ref.name, or the part of
// it after the last colon when it is a full reference; "" when it has
// none that is a valid tag.
func tagOf(d v1.Descriptor) string {
	name := d.Annotations[refName]
	if i := strings.LastIndexByte(name, ':'); i >= 0 && !strings.Contains(name[i:], "/") {
		name = name[i+1:]
	}
	if core.CheckTag(name) != "" {
		return ""
	}
	return name
}

func indexOf(p layout.Path) (*v1.IndexManifest, error) {
	ii, err := p.ImageIndex()
	if err != nil {
		return nil, core.Errorf(core.ErrInvalid, "OCI layout %s: %v", p, err)
	}
	im, err := ii.IndexManifest()
	if err != nil {
		return nil, core.Errorf(core.ErrInvalid, "OCI layout %s: index.json: %v", p, err)
	}
	return im, nil
}

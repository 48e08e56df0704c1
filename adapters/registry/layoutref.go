package registry

import (
	"strings"

	"github.com/imagesync/imagesync/core"
)

// LayoutPrefix starts a reference to an OCI image layout directory, as
// skopeo writes it: oci:PATH[:TAG].
const LayoutPrefix = "oci:"

// refName is the annotation of index.json that tags a manifest in an OCI
// image layout.
const refName = "org.opencontainers.image.ref.name"

// LayoutRef names an OCI image layout directory and, optionally, a tag in
// it (the org.opencontainers.image.ref.name of an index.json entry).
type LayoutRef struct {
	Path string
	Tag  string
}

// String is the reference as ParseLayout reads it.
func (l LayoutRef) String() string {
	if l.Tag == "" {
		return LayoutPrefix + l.Path
	}
	return LayoutPrefix + l.Path + ":" + l.Tag
}

// IsLayout reports whether s names an OCI image layout (oci:...).
func IsLayout(s string) bool { return strings.HasPrefix(s, LayoutPrefix) }

// ParseLayout reads oci:PATH[:TAG]: the part after the last colon is the
// tag when it holds no slash and is a valid tag; otherwise the whole is
// the path.
func ParseLayout(s string) (LayoutRef, error) {
	rest, ok := strings.CutPrefix(s, LayoutPrefix)
	if !ok || rest == "" {
		return LayoutRef{}, core.Errorf(core.ErrInvalid, "%q: want oci:PATH[:TAG]", s)
	}
	ref := LayoutRef{Path: rest}
	if i := strings.LastIndexByte(rest, ':'); i > 0 && !strings.Contains(rest[i+1:], "/") {
		if reason := core.CheckTag(rest[i+1:]); reason != "" {
			return LayoutRef{}, core.Errorf(core.ErrInvalid, "%q: tag %q: %s", s, rest[i+1:], reason)
		}
		ref = LayoutRef{Path: rest[:i], Tag: rest[i+1:]}
	}
	return ref, nil
}

package compat

import (
	"fmt"
	"strconv"

	"github.com/imagesync/imagesync/core"
)

// Format names a configuration dialect.
type Format string

// The dialects: imagesync's own, regsync's and image-syncer's.
const (
	Imagesync   Format = "imagesync"
	Regsync     Format = "regsync"
	ImageSyncer Format = "image-syncer"
)

// ParseFormat reads a --config-format value; "" means detect.
func ParseFormat(s string) (Format, error) {
	switch s {
	case "":
		return "", nil
	case "imagesync":
		return Imagesync, nil
	case "regsync":
		return Regsync, nil
	case "image-syncer", "imagesyncer", "image_syncer":
		return ImageSyncer, nil
	}
	return "", core.Errorf(core.ErrInvalid, "config format %q: want imagesync, regsync or image-syncer", s)
}

// Origin maps a path of the output document (jobs[3]) to the part of the
// input it came from (sync[1]).
type Origin struct {
	Doc, From string
}

// Result is a translation: the imagesync document, the notes on keys
// mapped with a difference, and where each part came from.
type Result struct {
	Format  Format
	Doc     Doc
	Notes   []string
	Origins []Origin
}

// Relabel names path (of the output) by its input's path when it has one:
// "sync[1] (jobs[3].targets[0].image)".
func (r *Result) Relabel(path string) string {
	best := Origin{}
	for _, o := range r.Origins {
		if hasPathPrefix(path, o.Doc) && len(o.Doc) > len(best.Doc) {
			best = o
		}
	}
	if best.Doc == "" {
		return path
	}
	return fmt.Sprintf("%s (%s)", best.From, path)
}

func hasPathPrefix(path, prefix string) bool {
	if len(path) < len(prefix) || path[:len(prefix)] != prefix {
		return false
	}
	return len(path) == len(prefix) || path[len(prefix)] == '.' || path[len(prefix)] == '['
}

func itoa(i int) string { return strconv.Itoa(i) }

package core

import (
	"slices"
	"strconv"
	"strings"
)

// PlatformsAll in a platform list asks for every platform of an index,
// whatever the registry engine's own default (registry.platforms) says.
const PlatformsAll = "all"

var platformPart = lazyRegexp(`^[a-z0-9][a-z0-9._-]{0,31}$`)

// CheckPlatforms returns why a platform list is unusable, or "": each entry
// is os/arch[/variant] (linux/amd64, linux/arm64/v8), or the list is
// ["all"].
func CheckPlatforms(ps []string) string {
	if slices.Contains(ps, PlatformsAll) {
		if len(ps) > 1 {
			return `"all" stands alone: it is every platform`
		}
		return ""
	}
	for _, p := range ps {
		parts := strings.Split(p, "/")
		if len(parts) < 2 || len(parts) > 3 {
			return "each must be os/arch[/variant], e.g. linux/arm64/v8, or all; got " + strconv.Quote(p)
		}
		for _, part := range parts {
			if !platformPart().MatchString(part) {
				return "each must be os/arch[/variant] in lowercase letters, digits, '.', '_' or '-'; got " + strconv.Quote(p)
			}
		}
	}
	return ""
}

// filtersPlatforms reports whether a request copies only some platforms of
// an index: only the registry engine can.
func (r SyncRequest) filtersPlatforms() bool {
	return len(r.Platforms) > 0 && !slices.Contains(r.Platforms, PlatformsAll)
}

package compat

import (
	"slices"
)

// regsyncPlatforms reads platform (one platform of an index) and
// platforms (some).
func (p *parser) regsyncPlatforms(m *mapping, out *regsyncJobs) {
	one, hasOne := m.str("platform")
	some := m.strings("platforms")
	switch {
	case hasOne && some != nil:
		p.refuse(m.at("platform"), "give platform or platforms, not both")
	case hasOne:
		out.platforms, out.platformsPath = []string{one}, m.at("platform")
		p.note(out.platformsPath, "imagesync writes an index holding that platform's manifest (its digest differs from the source's); "+
			"regsync writes the platform's manifest itself")
	case some != nil:
		out.platforms, out.platformsPath = some, m.at("platforms")
		p.note(out.platformsPath, "imagesync writes a new index of those platforms (its digest differs from the source's); "+
			"regsync pushes the source index unchanged with only those platforms' manifests, which registries that check indexes refuse")
	}
}

// regsyncShared maps the per-sync settings: platforms per job, and
// referrers (with digestTags), which imagesync has for the whole registry
// engine only, when every sync agrees.
func (p *parser) regsyncShared(syncs []regsyncJobs, doc *Doc) {
	if len(syncs) == 0 {
		return
	}
	want := func(s regsyncJobs) bool { return s.settings.referrers || s.settings.digestTags }
	if slices.ContainsFunc(syncs, want) && !allFunc(syncs, want) {
		for _, s := range syncs {
			if want(s) {
				p.refuse(s.path, "imagesync copies referrers for every job or none (registry.referrers): "+
					"set referrers and digestTags alike on every sync")
			}
		}
	} else if want(syncs[0]) {
		doc.Registry.Referrers = true
		p.referrersNote(syncs[0].settings)
	}
	regsyncPlatformsPerJob(syncs)
}

func (p *parser) referrersNote(s regsyncSettings) {
	switch {
	case !s.referrers:
		p.note(s.digestTagsPath, "imagesync's registry.referrers copies cosign's .sig/.att/.sbom digest tags, and also OCI referrers")
	case !s.digestTags:
		p.note(s.referrersPath, "imagesync's registry.referrers copies OCI referrers, and also cosign's .sig/.att/.sbom digest tags")
	}
}

// regsyncPlatformsPerJob gives each sync's jobs its platforms.
func regsyncPlatformsPerJob(syncs []regsyncJobs) {
	for i := range syncs {
		for k := range syncs[i].jobs {
			syncs[i].jobs[k].Platforms = syncs[i].platforms
		}
	}
}

// regsyncFastCheck refuses fastCheck where it would change what is copied:
// with referrers, imagesync looks for new ones of an image the target
// holds.
func (p *parser) regsyncFastCheck(s regsyncSettings) {
	if s.fast && (s.referrers || s.digestTags) {
		p.refuse(s.fastPath, "with referrers or digestTags imagesync looks for new referrers of an image the target already holds: it has no fast check that skips them")
	}
}

func allFunc[T any](xs []T, f func(T) bool) bool {
	for _, x := range xs {
		if !f(x) {
			return false
		}
	}
	return true
}

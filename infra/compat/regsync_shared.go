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

// regsyncShared maps the per-sync settings that imagesync has for the
// whole registry engine: referrers (with digestTags) and, until jobs have
// their own, platforms. They map when every sync agrees.
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
	p.regsyncSharedPlatforms(syncs, doc)
}

func (p *parser) referrersNote(s regsyncSettings) {
	switch {
	case !s.referrers:
		p.note(s.digestTagsPath, "imagesync's registry.referrers copies cosign's .sig/.att/.sbom digest tags, and also OCI referrers")
	case !s.digestTags:
		p.note(s.referrersPath, "imagesync's registry.referrers copies OCI referrers, and also cosign's .sig/.att/.sbom digest tags")
	}
}

// regsyncSharedPlatforms sets platforms per job, or, until jobs have
// them, for the registry engine when every sync asks the same.
func (p *parser) regsyncSharedPlatforms(syncs []regsyncJobs, doc *Doc) {
	same := allFunc(syncs, func(s regsyncJobs) bool { return slices.Equal(s.platforms, syncs[0].platforms) })
	switch {
	case same && len(syncs[0].platforms) > 0:
		doc.Registry.Platforms = syncs[0].platforms
		p.origin("registry.platforms", syncs[0].platformsPath)
	case same:
	case ready.jobPlatforms:
		for i := range syncs {
			for k := range syncs[i].jobs {
				syncs[i].jobs[k].Platforms = syncs[i].platforms
			}
		}
	default:
		for _, s := range syncs {
			if s.platforms != nil {
				p.refuse(s.platformsPath, notYet("platforms that differ from sync to sync (imagesync's jobs[].platforms)"))
			}
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

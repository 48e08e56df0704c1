package core

import "sort"

// pruneRepoPlan is what one owned target repository may lose: its tags
// that pass the filter and that no source mapping to it still has.
type pruneRepoPlan struct {
	repo    string
	keep    map[string]bool // tags some source still has
	blocked string          // why the repository is left alone this tick
}

// prunePlans maps every source of j (listed: source -> its tags; a source
// missing from listed could not be listed) to its target repositories.
// Repositories the job does not own, and targets that cannot be pruned,
// come back as notes. name gives the host/path of a target repository.
func (j Job) prunePlans(listed map[string][]string, name func(Endpoint) (string, error)) ([]*pruneRepoPlan, []string) {
	plans := map[string]*pruneRepoPlan{}
	var notes []string
	for _, src := range j.Sources {
		ref, reason := ParseReference(src)
		if reason != "" {
			continue
		}
		tags, ok := listed[src]
		for i, t := range j.Targets {
			target, reason := pruneTarget(t, ref.Registry, ref.Repository)
			if reason != "" {
				notes = append(notes, "prune: source "+src+" "+index("targets", i)+": "+reason)
				continue
			}
			repo, err := name(target)
			if err != nil {
				notes = append(notes, "prune: source "+src+" "+index("targets", i)+": "+err.Error())
				continue
			}
			if !j.owns(repo) {
				notes = append(notes, "prune: "+repo+" matches none of owns: not pruned")
				continue
			}
			p := plans[repo]
			if p == nil {
				p = &pruneRepoPlan{repo: repo, keep: map[string]bool{}}
				plans[repo] = p
			}
			switch {
			case !ok:
				p.blocked = "source " + src + " could not be listed"
			case len(tags) == 0:
				p.blocked = "source " + src + " lists no tag (a safety stop)"
			}
			for _, tag := range tags {
				p.keep[tag] = true
			}
		}
	}
	out := make([]*pruneRepoPlan, 0, len(plans))
	for _, p := range plans {
		out = append(out, p)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].repo < out[b].repo })
	return out, notes
}

// candidates are the target tags of p that the filter passes and no
// source has, sorted.
func (p *pruneRepoPlan) candidates(f TagFilter, targetTags []string) []string {
	m := f.validate(&ValidationError{}, "tags")
	var out []string
	for _, t := range targetTags {
		if !p.keep[t] && m.reason(t) == "" {
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out
}

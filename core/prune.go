package core

import (
	"reflect"
	"slices"
)

// Pruning, opt-in per job (Job.Prune), deletes target tags whose source
// tag is gone. The rules, each a guard against deleting what is not the
// job's:
//
//   - a target is pruned only when it is a plain image, or ACR EE / SWR
//     coordinates (the registry engine names their host/path), whose
//     repository does not depend on ${tag} and whose tag is the source's
//     (no tag, or ${tag}); validation refuses other targets of a pruning
//     job;
//   - only in target repositories that match Job.Owns;
//   - only tags that pass the job's filter (Include, Exclude, Semver;
//     Latest aside: a tag that fell out of the latest N still exists);
//   - only tags that no source mapping to that repository still has; when
//     one of those sources could not be listed, or lists no tag at all, the
//     repository is left alone that tick;
//   - the trigger policy must allow the target;
//   - the TagDeleter deletes a manifest only when no other tag of the
//     repository points at its digest (deleting by digest removes them
//     all); otherwise the tag is kept and the refusal is reported.
//
// Pruning runs after the copies of a tick, and not at all when copies were
// left for a later tick. A dry run lists what would go and deletes nothing.

// validatePrune checks Owns and, when Prune is set, that every target can
// be pruned.
func (j Job) validatePrune(v *ValidationError) {
	for i, o := range j.Owns {
		if o == "" {
			v.Add(index("owns", i), "empty: name a host/path glob")
		}
		v.Add(index("owns", i), CheckGlob(o))
	}
	if !j.Prune {
		return
	}
	if len(j.Owns) == 0 {
		v.Add("owns", "prune needs the target repositories the job owns (host/path globs)")
	}
	for i, t := range j.Targets {
		if _, reason := pruneTarget(t, "registry.example.com", "team/app"); reason != "" {
			v.Add(index("targets", i), reason)
		}
	}
}

// pruneTarget returns the target repository t makes for the source
// repository registry/path — an image repository (Image host/path), or
// ACR EE / SWR coordinates without tag, which the registry engine names
// (RepoResolver) — or why t cannot be pruned.
func pruneTarget(t TargetTemplate, registry, path string) (Endpoint, string) {
	kind := t.Kind()
	if kind != EngineRegistry && kind != EngineACR && kind != EngineSWR {
		return Endpoint{}, "prune works on image, ACR EE and SWR targets only"
	}
	if (t.Tag != "" && t.Tag != "${tag}") || t.Digest != "" {
		return Endpoint{}, "prune needs the target tag to be the source's: leave tag and digest out"
	}
	var repo Endpoint
	for _, tag := range []string{"v1.0.0", "prune-probe"} {
		e, reasons := t.Expand(VarsOf(registry, path, tag, ""))
		if len(reasons) > 0 {
			return Endpoint{}, joinReasons(reasons)
		}
		if kind != EngineRegistry {
			e.Tag, e.Digest = "", ""
			if !repo.IsZero() && !reflect.DeepEqual(repo, e) {
				return Endpoint{}, "prune needs a target repository that does not depend on ${tag}"
			}
			repo = e
			continue
		}
		ref, ok := e.Ref()
		switch {
		case !ok:
			return Endpoint{}, "image is not a valid reference"
		case ref.Digest != "" || (ref.Tag != "" && ref.Tag != tag):
			return Endpoint{}, "prune needs the target tag to be the source's: leave it out of image, or write ${tag}"
		case repo.Image != "" && repo.Image != ref.Name():
			return Endpoint{}, "prune needs a target repository that does not depend on ${tag}"
		}
		repo = Endpoint{Image: ref.Name()}
	}
	return repo, ""
}

// owns reports whether the job may prune in repo (host/path).
func (j Job) owns(repo string) bool {
	return slices.ContainsFunc(j.Owns, func(g string) bool { return g != "" && MatchGlob(g, repo) })
}

package core

// A job source may name one image instead of a repository: a tag
// (registry.example.com/team/app:v1) or a digest (…/app@sha256:…). Such a
// source is not listed: the job syncs that image alone, as regsync's
// `type: image` and image-syncer's tag and digest rules do. Its target may
// then name a fixed tag (there is one image to write); without a tag it
// keeps the source's tag, or, for a digest, is written by digest.
//
// A pinned source takes no tag filter and no prune: both work on the tags a
// repository lists.

// pinned parses src and reports whether it names a tag or a digest.
func pinned(src string) (Reference, bool) {
	ref, reason := ParseReference(src)
	return ref, reason == "" && (ref.Tag != "" || ref.Digest != "")
}

// pinReason is why j may not have a pinned source, or "".
func (j Job) pinReason() string {
	if !j.Tags.IsZero() || j.Tags.Order != "" || j.Prune {
		return "names a tag or digest: such a source syncs that image alone, without tags or prune (name the repository to filter its tags)"
	}
	return ""
}

// selectsOne reports whether j writes one image per target: it selects
// one tag, or has one source, pinned.
func (j Job) selectsOne() bool {
	if j.Tags.Latest == 1 {
		return true
	}
	if len(j.Sources) != 1 {
		return false
	}
	_, ok := pinned(j.Sources[0])
	return ok
}

// planPinned plans the syncs of a pinned source to every target.
func (j Job) planPinned(ref Reference) ([]SyncRequest, []string) {
	image := ref.String()
	source := Endpoint{Image: image}
	vars := VarsOf(ref.Registry, ref.Repository, ref.Tag, ref.Digest)
	var reqs []SyncRequest
	var skipped []string
	for i, t := range j.Targets {
		req, reason := request(source, t, vars)
		if reason != "" {
			skipped = append(skipped, image+" "+index("targets", i)+": "+reason)
			continue
		}
		reqs = append(reqs, req)
	}
	return reqs, skipped
}

// planPinnedSources plans the pinned sources among srcs and returns the
// others: the repositories whose tags are listed.
func (j Job) planPinnedSources(srcs []string, reqs *[]SyncRequest, out *JobOutcome) []string {
	var rest []string
	for _, src := range srcs {
		ref, ok := pinned(src)
		if !ok {
			rest = append(rest, src)
			continue
		}
		planned, notes := j.planPinned(ref)
		*reqs = append(*reqs, planned...)
		out.Notes = append(out.Notes, notes...)
	}
	return rest
}

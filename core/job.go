package core

// Job is a recurring copy: on every tick that names it (or names none),
// the tags of each source repository that pass Tags are synced to every
// target. Schedule says when the job is due (cron, read by the
// ScheduleParser the Service is given); a platform timer's tick runs the
// jobs due since the previous tick, and jobs without one on every tick.
type Job struct {
	Name     string           `json:"name"`
	Schedule string           `json:"schedule,omitempty"`
	Sources  []string         `json:"sources"` // repositories without tag (registry.example.com/team/app), all under a path: registry.example.com/team/** (Wildcard), or images pinned by tag or digest (jobpin.go)
	Tags     TagFilter        `json:"tags,omitzero"`
	Targets  []TargetTemplate `json:"targets"`
	// Prune (opt-in) deletes, after the copies of a tick, target tags that
	// no longer exist at the source: only tags that pass Tags (Latest
	// aside), only in target repositories that match Owns. See prune.go.
	Prune bool `json:"prune,omitempty"`
	// Owns lists the target repositories (host/path globs, MatchGlob) the
	// job may prune in. Required when Prune is set.
	Owns []string `json:"owns,omitempty"`
	// Platforms copies only these platforms (os/arch[/variant], or all) of
	// each source index, to every target that names none of its own.
	Platforms []string `json:"platforms,omitempty"`
	// Exclude leaves out the source repositories that match one of these
	// globs (MatchGlob), each tried against the path on the host
	// (team/legacy/**) and against host/path: of what a /** source lists,
	// and plain sources too.
	Exclude []string `json:"exclude,omitempty"`
}

var jobNamePattern = lazyRegexp(`^[a-z0-9][a-z0-9._-]{0,62}$`)

// Validate returns a *ValidationError listing every problem, with paths
// relative to the job (sources[1], tags.semver, targets[0].image, ...).
func (j Job) Validate() error {
	v := &ValidationError{}
	v.Add("name", match(jobNamePattern, j.Name, 1, 63, "1-63 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit"))
	if len(j.Schedule) > 256 {
		v.Add("schedule", "longer than 256 characters")
	}
	if len(j.Sources) == 0 {
		v.Add("sources", "at least one source repository is required")
	}
	for i, s := range j.Sources {
		if IsWildcard(s) {
			_, reason := ParseWildcard(s)
			v.Add(index("sources", i), reason)
			continue
		}
		ref, reason := ParseReference(s)
		switch {
		case reason != "":
			v.Add(index("sources", i), reason)
		case ref.Tag != "" || ref.Digest != "":
			v.Add(index("sources", i), j.pinReason()) // a pinned source: jobpin.go
		}
	}
	for i, g := range j.Exclude {
		if g == "" {
			v.Add(index("exclude", i), "empty: name a path or host/path glob")
		}
		v.Add(index("exclude", i), CheckGlob(g))
	}
	j.Tags.validate(v, "tags")
	v.Add("platforms", CheckPlatforms(j.Platforms))
	if len(j.Targets) == 0 {
		v.Add("targets", "at least one target is required")
	}
	for i, t := range j.Targets {
		checkTarget(v, index("targets", i), Endpoint{Image: "registry.example.com/team/app:v1.0.0"}, t)
		if !j.selectsOne() && oneTargetTag(t) {
			v.Add(index("targets", i), "every selected tag would be written to the same target tag, each over the last: "+
				"leave the tag out (each keeps its name), use ${tag}, or select one tag (tags.latest: 1)")
		}
	}
	j.validatePrune(v)
	return v.Err()
}

// oneTargetTag reports whether t sends two different source tags to the
// same target tag (an HSS target takes images, not tags).
func oneTargetTag(t TargetTemplate) bool {
	at := func(tag string) (string, bool) {
		e, reasons := t.Expand(VarsOf("registry.example.com", "team/app", tag, ""))
		if len(reasons) > 0 || e.Engine == EngineHSS {
			return "", false
		}
		if e.Image != "" {
			if ref, reason := ParseReference(e.Image); reason == "" && ref.Tag == "" && ref.Digest == "" {
				e.Image += ":" + tag // a target without tag takes the source's
			}
		} else if e.Tag == "" {
			e.Tag = tag
		}
		return e.String(), true
	}
	a, ok1 := at("v1.0.0")
	b, ok2 := at("v2.0.0")
	return ok1 && ok2 && a == b
}

// Plan returns the syncs for one source repository (as listed in Sources)
// given the tags it holds now: the tags the filter selects (highest first,
// cut to Latest), each to every target. Requests that cannot be expanded
// are left out; PlanReasons says why.
func (j Job) Plan(src string, tags []string) []SyncRequest {
	reqs, _ := j.PlanReasons(src, tags)
	return reqs
}

// PlanReasons is Plan, plus one reason per request left out.
func (j Job) PlanReasons(src string, tags []string) ([]SyncRequest, []string) {
	return j.planSelected(src, j.Tags.Select(tags))
}

// planSelected plans the syncs of the selected tags of src, in order.
func (j Job) planSelected(src string, selected []string) ([]SyncRequest, []string) {
	ref, reason := ParseReference(src)
	if reason != "" {
		return nil, []string{"source " + src + ": " + reason}
	}
	var reqs []SyncRequest
	var skipped []string
	for _, tag := range selected {
		vars := VarsOf(ref.Registry, ref.Repository, tag, "")
		source := Endpoint{Image: ref.Name() + ":" + tag}
		for i, t := range j.Targets {
			if len(t.Platforms) == 0 && t.Engine != EngineHSS { // HSS copies nothing
				t.Platforms = j.Platforms
			}
			req, reason := request(source, t, vars)
			if reason != "" {
				skipped = append(skipped, source.Image+" "+index("targets", i)+": "+reason)
				continue
			}
			reqs = append(reqs, req)
		}
	}
	return reqs, skipped
}

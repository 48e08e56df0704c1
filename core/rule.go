package core

import (
	"encoding/json"
	"strings"
)

// PushRule says where pushed images must go. A push matches when its
// registry host matches Match.Registry, its repository path matches
// Match.Repository (both globs, see MatchGlob; empty matches all) and its
// tag passes Match.Tags. Each target is then expanded (see TargetTemplate)
// into a SyncRequest from the pushed image.
type PushRule struct {
	Name  string    `json:"name"`
	Match PushMatch `json:"match"`
	// Source, when set, replaces the pushed image as the source of the
	// syncs: a template such as {engine: acr, region: ..., instance: ...,
	// namespace: "${namespace}", repository: "${repository}", tag: "${tag}"}
	// lets a native engine do the copy. Default: registry/repository:tag@digest.
	Source  *Endpoint        `json:"source,omitempty"`
	Targets []TargetTemplate `json:"targets"`
	// CatchUp also reconciles the rule on every tick that names no job:
	// the repositories of Match.Registry that Match.Repository matches are
	// listed (RepositoryLister), and each tag Match.Tags passes is synced
	// as its push would be; what is in place is skipped. A missed push is
	// so caught up. Match.Registry must then be one host.
	CatchUp bool `json:"catchUp,omitempty"`
}

// PushMatch selects pushes.
type PushMatch struct {
	Registry   string    `json:"registry,omitempty"`   // host glob: "*.dkr.ecr.*.amazonaws.com"
	Repository string    `json:"repository,omitempty"` // path glob: "team/**"
	Tags       TagFilter `json:"tags,omitzero"`        // Latest does not apply to pushes
}

var rulePattern = lazyRegexp(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// Validate returns a *ValidationError listing every problem, with field
// paths relative to the rule (match.repository, targets[0].image, ...).
func (r PushRule) Validate() error {
	v := &ValidationError{}
	v.Add("name", match(rulePattern, r.Name, 1, 64, "1-64 letters, digits, '.', '_' or '-', starting with a letter or digit"))
	v.Add("match.registry", CheckGlob(r.Match.Registry))
	v.Add("match.repository", CheckGlob(r.Match.Repository))
	r.Match.Tags.validate(v, "match.tags")
	if r.Match.Tags.Latest != 0 {
		v.Add("match.tags.latest", "latest-N applies to jobs only; a push is one tag")
	}
	source := Endpoint{Image: "registry.example.com/team/app:v1.0.0"}
	if r.Source != nil {
		src, reasons := TargetTemplate{Endpoint: *r.Source}.Expand(sampleVars())
		for _, k := range sortedKeys(reasons) {
			v.Add("source."+k, reasons[k])
		}
		validateEndpoint(v, "source", src, true)
		source = src
	}
	if len(r.Targets) == 0 {
		v.Add("targets", "at least one target is required")
	}
	for i, t := range r.Targets {
		checkTarget(v, index("targets", i), source, t)
	}
	if r.CatchUp {
		if _, reason := r.catchUpWildcard(); reason != "" {
			v.Add("catchUp", reason)
		}
	}
	return v.Err()
}

// Plan returns the syncs that push p calls for. When the rule does not
// match, or no target could be expanded, it returns no request and the
// reason. When only some targets fail, it returns the others and a reason
// naming the failures.
func (r PushRule) Plan(p Push) ([]SyncRequest, string) {
	if reason := r.mismatch(p); reason != "" {
		return nil, reason
	}
	vars := PushVars(p)
	source := Endpoint{Image: p.Image()}
	if r.Source != nil {
		src, reasons := TargetTemplate{Endpoint: *r.Source}.Expand(vars)
		if len(reasons) > 0 {
			return nil, "source: " + joinReasons(reasons)
		}
		source = src
	} else if source.Image == "" {
		return nil, "the push names no registry host; give the rule a source or configure the host"
	}
	var reqs []SyncRequest
	var failed []string
	for i, t := range r.Targets {
		req, reason := request(source, t, vars)
		if reason != "" {
			failed = append(failed, index("targets", i)+": "+reason)
			continue
		}
		reqs = append(reqs, req)
	}
	return reqs, strings.Join(failed, "; ")
}

func (r PushRule) mismatch(p Push) string {
	switch {
	case p.Repository == "" || (p.Tag == "" && p.Digest == ""):
		return "the push names no repository, or neither tag nor digest"
	case r.Match.Registry != "" && !MatchGlob(r.Match.Registry, p.Registry):
		return "registry " + quoteOrNone(p.Registry) + " does not match " + r.Match.Registry
	case !MatchGlob(r.Match.Repository, p.Repository):
		return "repository " + p.Repository + " does not match " + r.Match.Repository
	case r.Match.Tags.IsZero():
		return ""
	case p.Tag == "":
		return "the push has no tag and the rule filters tags"
	}
	_, reason := r.Match.Tags.Match(p.Tag)
	return reason
}

func quoteOrNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// PlanPush applies every rule to p. It returns the distinct syncs of all
// matching rules and, for each rule that did not match or failed in part,
// "rule <name>: <reason>".
func PlanPush(rules []PushRule, p Push) ([]SyncRequest, []string) {
	var out []SyncRequest
	var skipped []string
	seen := map[string]bool{}
	for _, r := range rules {
		reqs, reason := r.Plan(p)
		if reason != "" {
			skipped = append(skipped, "rule "+r.Name+": "+reason)
		}
		for _, req := range reqs {
			key, _ := json.Marshal(req)
			if !seen[string(key)] {
				seen[string(key)] = true
				out = append(out, req)
			}
		}
	}
	return out, skipped
}

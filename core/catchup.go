package core

import (
	"context"
	"strings"
)

// catchUpWildcard is what a catching-up rule lists: its registry, under
// the literal start of its repository glob (team/** lists team).
func (r PushRule) catchUpWildcard() (Wildcard, string) {
	if r.Match.Registry == "" || strings.ContainsAny(r.Match.Registry, "*?[]") {
		return Wildcard{}, "catchUp lists one registry: match.registry must name one host, not a glob"
	}
	var lit []string
	for _, seg := range strings.Split(r.Match.Repository, "/") {
		if seg == "" || strings.ContainsAny(seg, "*?[]\\") {
			break
		}
		lit = append(lit, seg)
	}
	w, reason := ParseWildcard(r.Match.Registry + "/" + strings.Join(append(lit, "**"), "/"))
	if reason != "" {
		return Wildcard{}, "catchUp: " + reason
	}
	return w, ""
}

// catchUpName is the name a catch-up's outcome is reported under among
// a tick's jobs (a job name never holds '/').
func catchUpName(r PushRule) string { return "onPush/" + r.Name }

// runCatchUp reconciles rule r as a tick: every repository of its registry
// that its repository glob matches, every tag its tag filter passes,
// planned as a push of that tag would be (Plan) and synced; syncs that
// find the target in place are skipped, so a second tick is a no-op.
func (s *Service) runCatchUp(ctx context.Context, r PushRule, dryRun bool) (JobOutcome, error) {
	out := JobOutcome{Name: catchUpName(r)}
	w, _ := r.catchUpWildcard() // validated with the rule
	paths, err := s.listRepositories(ctx, w, &out)
	if err != nil {
		out.Notes = append(out.Notes, "registry "+w.Registry+": "+err.Error())
		out.Unlisted = append(out.Unlisted, w.String())
		if transient(err) {
			return out, err
		}
		return out, nil
	}
	var repos []string
	for _, p := range paths {
		if MatchGlob(r.Match.Repository, p) {
			repos = append(repos, w.Registry+"/"+p)
		}
	}
	lister, _ := s.engines[EngineRegistry].(TagLister)
	if lister == nil {
		out.Notes = append(out.Notes, "the registry engine, which lists tags, is not configured")
		return out, nil
	}
	lists := s.listTags(ctx, repos, func(ctx context.Context, src string) ([]string, []string, error) {
		tags, err := lister.ListTags(ctx, src)
		return tags, r.Match.Tags.Select(tags), err
	})
	var firstTransient error
	var reqs []SyncRequest
	for i, src := range repos {
		if err := lists[i].err; err != nil {
			out.Notes = append(out.Notes, "source "+src+": listing tags: "+err.Error())
			out.Unlisted = append(out.Unlisted, src)
			if transient(err) {
				firstTransient = firstOf(firstTransient, err)
			}
			continue
		}
		for _, tag := range lists[i].selected {
			planned, reason := r.Plan(Push{Registry: w.Registry, Repository: strings.TrimPrefix(src, w.Registry+"/"), Tag: tag, Source: "catch-up"})
			if reason != "" {
				out.Notes = append(out.Notes, "source "+src+":"+tag+": "+reason)
			}
			reqs = append(reqs, planned...)
		}
	}
	res := s.runPlanned(ctx, reqs, dryRun, &out)
	firstTransient = firstOf(firstTransient, res.transient)
	if firstTransient == nil && res.outOfTime {
		firstTransient = Errorf(ErrUnavailable, "rule %s: %d catch-up syncs left when the deadline came near", r.Name, len(res.left))
	}
	return out, firstTransient
}

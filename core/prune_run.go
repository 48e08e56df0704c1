package core

import (
	"context"
	"errors"
)

// prune deletes (dry: lists) what j's owned target repositories hold that
// their sources no longer have, into out. It returns the first failure
// that may pass on a retry.
func (s *Service) prune(ctx context.Context, j Job, listed map[string][]string, dry bool, out *JobOutcome) error {
	lister, _ := s.engines[EngineRegistry].(TagLister)
	deleter, _ := s.engines[EngineRegistry].(TagDeleter)
	if lister == nil || deleter == nil {
		out.Notes = append(out.Notes, "prune: the registry engine, which lists and deletes tags, is not configured")
		return nil
	}
	plans, notes := j.prunePlans(listed, func(ep Endpoint) (string, error) {
		if ep.Kind() == EngineRegistry {
			return ep.Image, nil
		}
		r, _ := s.engines[EngineRegistry].(RepoResolver)
		if r == nil {
			return "", Errorf(ErrInvalid, "the registry engine cannot name the registry of %s targets", ep.Kind())
		}
		return r.ResolveRepository(ctx, ep)
	})
	out.Notes = append(out.Notes, notes...)
	var firstTransient error
	for _, p := range plans {
		if p.blocked != "" {
			out.Notes = append(out.Notes, "prune: "+p.repo+" left alone: "+p.blocked)
			continue
		}
		tags, err := lister.ListTags(ctx, p.repo)
		if err != nil {
			if !errors.Is(err, ErrNotFound) {
				out.Notes = append(out.Notes, "prune: listing tags of "+p.repo+": "+err.Error())
				firstTransient = firstOf(firstTransient, err)
			}
			continue
		}
		for _, tag := range p.candidates(j.Tags, tags) {
			if !s.timeFor(ctx, 0) {
				out.Notes = append(out.Notes, "prune: "+p.repo+": the deadline came near, the rest is left for the next tick")
				return firstTransient
			}
			firstTransient = firstOf(firstTransient, s.pruneTag(ctx, deleter, p.repo+":"+tag, dry, out))
		}
	}
	return firstTransient
}

// pruneTag deletes one target tag, if the trigger policy allows it; a dry
// run asks the deleter what it would do (PlanDeleteTag), so that the tags
// it keeps (shared digests) are kept in the plan too.
func (s *Service) pruneTag(ctx context.Context, d TagDeleter, ref string, dry bool, out *JobOutcome) error {
	target := Endpoint{Image: ref}
	err := s.sec.triggers.Check(SyncRequest{Target: target})
	switch {
	case err == nil && dry:
		err = d.PlanDeleteTag(ctx, ref)
	case err == nil:
		err = d.DeleteTag(ctx, ref)
	}
	switch {
	case err == nil:
		out.Pruned = append(out.Pruned, ref)
	case errors.Is(err, ErrNotFound): // gone already
	default:
		out.NotPruned = append(out.NotPruned, Failure{Target: target, Kind: KindOf(err), Reason: err.Error()})
		if transient(err) {
			return err
		}
	}
	return nil
}

func firstOf(first, err error) error {
	if first == nil && err != nil && transient(err) {
		return err
	}
	return first
}

package core

import (
	"context"
	"sync"
	"time"
)

// expandSources turns j's sources into the repositories to sync: a plain
// source as written, a /** source into every repository the registry
// engine (RepositoryLister) lists under it; Exclude leaves some out, and
// a repository named twice is synced once. What could not be listed goes
// to out (Notes, Unlisted); the error is the first failure that may pass
// on a retry.
func (s *Service) expandSources(ctx context.Context, j Job, out *JobOutcome) ([]string, error) {
	var repos []string
	var firstTransient error
	seen := map[string]bool{}
	add := func(name string) {
		if !seen[name] {
			seen[name] = true
			repos = append(repos, name)
		}
	}
	for _, src := range j.Sources {
		if !IsWildcard(src) {
			if ref, reason := ParseReference(src); reason == "" && excluded(j.Exclude, ref.Registry, ref.Repository) {
				continue
			}
			add(src)
			continue
		}
		w, _ := ParseWildcard(src) // validated with the job
		paths, err := s.listRepositories(ctx, w, out)
		if err != nil {
			out.Notes = append(out.Notes, "source "+src+": "+err.Error())
			out.Unlisted = append(out.Unlisted, src)
			if transient(err) {
				firstTransient = firstOf(firstTransient, err)
			}
			continue
		}
		for _, p := range paths {
			if !excluded(j.Exclude, w.Registry, p) {
				add(w.Registry + "/" + p)
			}
		}
	}
	return repos, firstTransient
}

// listRepositories lists the repositories under w, within half the time
// left before ctx's deadline (the copies need the rest). Parts of the
// registry that could not be listed are noted in out.
func (s *Service) listRepositories(ctx context.Context, w Wildcard, out *JobOutcome) ([]string, error) {
	lister, _ := s.engines[EngineRegistry].(RepositoryLister)
	if lister == nil {
		return nil, Errorf(ErrInvalid, "listing repositories: the registry engine, which lists them, is not configured")
	}
	if d, ok := ctx.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, time.Until(d)/2)
		defer cancel()
	}
	l, err := lister.ListRepositories(ctx, w.Registry, w.Prefix)
	if err != nil {
		return nil, err
	}
	for _, p := range l.Problems {
		out.Notes = append(out.Notes, "source "+w.String()+": "+p)
	}
	paths := make([]string, 0, len(l.Repositories))
	for _, p := range l.Repositories {
		if w.Holds(p) {
			paths = append(paths, p)
		}
	}
	return paths, nil
}

// sourceList is one source's tags, as listTags found them.
type sourceList struct {
	tags, selected []string
	err            error
}

// listTags runs list for every source, as many at once as the service
// runs syncs, and returns the results in the order of srcs.
func (s *Service) listTags(ctx context.Context, srcs []string, list func(ctx context.Context, src string) ([]string, []string, error)) []sourceList {
	out := make([]sourceList, len(srcs))
	sem := make(chan struct{}, s.jobs)
	var wg sync.WaitGroup
	for i, src := range srcs {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			out[i].tags, out[i].selected, out[i].err = list(ctx, src)
		}()
	}
	wg.Wait()
	return out
}

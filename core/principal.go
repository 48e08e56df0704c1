package core

import (
	"context"
)

// Principal is who asked for a sync: an API key, a signing key, a webhook
// source, or the configured triggers. Its Policy (nil: unrestricted)
// bounds the sources and targets it may name.
type Principal struct {
	Name   string  `json:"name"`
	Policy *Policy `json:"-"`
}

type principalKey struct{}

// WithPrincipal returns ctx carrying p: Service.Sync checks p's policy
// before any engine is called.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom returns the principal ctx carries, if any.
func PrincipalFrom(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

// triggerKey marks a context whose syncs were started by a push rule or a
// job; they are bounded by the trigger policy (WithTriggerPolicy).
type triggerKey struct{}

// asTriggers marks ctx as running syncs on behalf of the configured
// triggers.
func (s *Service) asTriggers(ctx context.Context) context.Context {
	return context.WithValue(ctx, triggerKey{}, true)
}

func fromTriggers(ctx context.Context) bool {
	v, _ := ctx.Value(triggerKey{}).(bool)
	return v
}

// Task returns one task by id (see task). A caller whose principal has a
// policy sees only the tasks whose source and target the policy allows;
// any other is not found, as if it did not exist.
func (s *Service) Task(ctx context.Context, id string) (Task, error) {
	t, err := s.task(ctx, id)
	if err == nil && !visibleTo(ctx)(t) {
		return Task{}, Errorf(ErrNotFound, "task %s not found", id)
	}
	return t, err
}

// Tasks pages through the tasks of one engine (see tasks) that the
// caller's policy allows. Tasks kept by this process are filtered before
// paging. Engines that list their own tasks (acr, swr) are asked for the
// page and the tasks the policy refuses are left out of it: a restricted
// caller's page may then hold fewer than pageSize, and its total counts
// only what the page shows.
func (s *Service) Tasks(ctx context.Context, q TaskQuery) (TaskPage, error) {
	visible := visibleTo(ctx)
	page, err := s.tasks(ctx, q, visible)
	engine := q.Engine
	if engine == "" {
		engine = EngineRegistry
	}
	if err != nil || s.reader(engine) == nil {
		return page, err // filtered before paging
	}
	shown := page.Tasks[:0:0]
	for _, t := range page.Tasks {
		if visible(t) {
			shown = append(shown, t)
		}
	}
	if len(shown) < len(page.Tasks) {
		page.Tasks, page.Total = shown, len(shown)
	}
	return page, nil
}

// RecentFor is Recent for the caller of ctx: up to n of the tasks this
// process ran that the caller's policy allows, newest first.
func (s *Service) RecentFor(ctx context.Context, n int) []Task {
	return s.history.recent(n, visibleTo(ctx))
}

// visibleTo is the caller's policy as a task filter: a principal with a
// policy sees the tasks whose source and target it could have asked for.
func visibleTo(ctx context.Context) func(Task) bool {
	p, ok := PrincipalFrom(ctx)
	if !ok || p.Policy == nil {
		return func(Task) bool { return true }
	}
	return func(t Task) bool { return p.Policy.Check(SyncRequest{Source: t.Source, Target: t.Target}) == nil }
}

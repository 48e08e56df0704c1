package core

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"
)

// Service validates sync requests, routes them to engines and remembers what
// became of them. Build it once per process with New; it is safe for
// concurrent use.
type Service struct {
	engines map[string]Engine
	history *history
	log     *slog.Logger
	now     func() time.Time
	flight  Flights[Task]

	triggers Triggers
	seen     *seenSet
	jobs     int
	sec      guard    // policy, metadata hosts, limits (policy.go, policy_hosts.go, limits.go)
	runs     lastRuns // for status pages (overview.go)
	schedule ScheduleParser
}

// Option configures a Service.
type Option func(*Service)

// WithEngine adds an engine under its Name. Later engines replace earlier
// ones of the same name. A nil engine is a programming error: New panics
// naming it, rather than the first sync.
func WithEngine(e Engine) Option {
	return func(s *Service) {
		if e == nil {
			panic("core: WithEngine(nil)")
		}
		s.engines[e.Name()] = e
	}
}

// WithHistory keeps the last n tasks in memory for Task and Tasks (default
// 1000; n <= 0 keeps none).
func WithHistory(n int) Option { return func(s *Service) { s.history = newHistory(max(n, 0)) } }

// WithLogger logs each sync's outcome (default, and nil: no logging).
func WithLogger(l *slog.Logger) Option {
	return func(s *Service) {
		if l != nil {
			s.log = l
		}
	}
}

// WithClock sets the clock (default, and nil: time.Now). Syncs under way
// read it at once: now must be safe for concurrent use.
func WithClock(now func() time.Time) Option {
	return func(s *Service) {
		if now != nil {
			s.now = now
		}
	}
}

// WithConcurrency sets how many syncs a trigger runs at once (default 8;
// n < 1 keeps the default).
func WithConcurrency(n int) Option {
	return func(s *Service) {
		if n > 0 {
			s.jobs = n
		}
	}
}

// New builds a Service.
func New(opts ...Option) *Service {
	s := &Service{
		engines: map[string]Engine{},
		history: newHistory(1000),
		log:     slog.New(slog.DiscardHandler),
		now:     time.Now,
		seen:    newSeenSet(10000),
		jobs:    8,
	}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Engines lists the names of the configured engines.
func (s *Service) Engines() []string {
	names := make([]string, 0, len(s.engines))
	for _, n := range engineNames {
		if _, ok := s.engines[n]; ok {
			names = append(names, n)
		}
	}
	return names
}

// Sync validates req, checks it against the policies (policy.go) before
// any engine is called, routes it and runs it. Identical requests made
// while one is in flight share its result (Flights): each waits under its
// own context, and the sync goes on while any of them waits.
func (s *Service) Sync(ctx context.Context, req SyncRequest) (Task, error) {
	if err := refSecrets(req); err != nil {
		return Task{}, err
	}
	if err := req.Validate(); err != nil {
		return Task{}, err
	}
	if err := s.sec.check(ctx, req); err != nil {
		return Task{}, err
	}
	name := Route(req)
	if err := checkRoute(name, req); err != nil {
		return Task{}, err
	}
	engine, err := s.engine(name)
	if err != nil {
		return Task{}, err
	}
	for _, a := range req.After {
		if _, err := s.engine(a); err != nil {
			return Task{}, err
		}
	}
	return s.flight.Do(ctx, req.key(), func(ctx context.Context) (Task, error) { return s.run(ctx, engine, req) })
}

func (s *Service) engine(name string) (Engine, error) {
	e, ok := s.engines[name]
	if !ok {
		return nil, &ValidationError{Fields: []FieldError{{Field: "engine", Reason: "engine " + name + " is not configured"}}}
	}
	return e, nil
}

func (s *Service) run(ctx context.Context, e Engine, req SyncRequest) (Task, error) {
	start := s.now()
	task, err := e.Sync(ctx, req)
	s.stamp(&task, e.Name(), req, start, err)
	if err != nil && errors.Is(ctx.Err(), context.Canceled) {
		task.Status = StatusCanceled // its callers went away (a shutdown, an interrupt): not a failure of the sync
	}
	if err == nil && !req.DryRun && task.Status == StatusSuccess {
		s.after(ctx, &task, req)
	}
	s.history.put(task)
	if level := logLevel(err); s.log.Enabled(ctx, level) {
		s.log.LogAttrs(ctx, level, "sync", slog.String("task", task.ID), slog.String("engine", task.Engine),
			slog.String("source", req.Source.String()), slog.String("target", req.Target.String()),
			slog.String("status", string(task.Status)), slog.String("digest", task.Digest),
			slog.Bool("skipped", task.Skipped), slog.Duration("took", s.now().Sub(start)), errAttr(err))
	}
	if err != nil {
		return task, fmt.Errorf("syncing %s to %s: %w", req.Source, req.Target, err)
	}
	return task, nil
}

// stamp fills what every task carries, whatever its engine set.
func (s *Service) stamp(t *Task, engine string, req SyncRequest, start time.Time, err error) {
	if t.ID == "" {
		t.ID = engine + ":" + randomID()
	}
	t.Engine, t.DryRun, t.Override = engine, req.DryRun, req.Override
	if t.Source.IsZero() {
		t.Source = req.Source
	}
	if t.Target.IsZero() {
		t.Target = req.Target
	}
	if t.CreatedAt.IsZero() {
		t.CreatedAt = start
	}
	if t.UpdatedAt.IsZero() {
		t.UpdatedAt = s.now()
	}
	if err != nil {
		t.Status = StatusFailed
		t.Error = &TaskError{Kind: KindOf(err), Message: RedactURLs(err.Error())}
	}
}

// after runs the follow-up engines of a successful sync with its target as
// their source. Their failure is recorded on the task, not returned: the
// sync itself stands.
func (s *Service) after(ctx context.Context, t *Task, req SyncRequest) {
	for _, name := range req.After {
		e := s.engines[name]
		step := SyncRequest{Source: req.Target, Target: Endpoint{Engine: name}}
		start := s.now()
		ft, err := e.Sync(ctx, step)
		s.stamp(&ft, name, step, start, err)
		s.history.put(ft)
		t.After = append(t.After, ft)
	}
}

// task returns one task by id: from the engine that owns it when it can be
// asked, else from this process's history (Task adds the caller's policy).
func (s *Service) task(ctx context.Context, id string) (Task, error) {
	name, _, ok := strings.Cut(id, ":")
	if !ok || name == "" {
		return Task{}, &ValidationError{Fields: []FieldError{{Field: "id", Reason: "task ids look like <engine>:<id>"}}}
	}
	if t, ok := s.history.get(id); ok && (t.Status.Terminal() || s.reader(name) == nil) {
		return t, nil
	}
	if r := s.reader(name); r != nil {
		return r.Task(ctx, id)
	}
	return Task{}, Errorf(ErrNotFound, "task %s not found (tasks of engine %s are kept in memory only while this process runs)", id, name)
}

// tasks pages through the tasks of one engine; those this process keeps
// are filtered by visible (the caller's policy) before paging.
func (s *Service) tasks(ctx context.Context, q TaskQuery, visible func(Task) bool) (TaskPage, error) {
	if q.Engine == "" {
		q.Engine = EngineRegistry
	}
	if q.Page <= 0 {
		q.Page = 1
	}
	if q.PageSize <= 0 {
		q.PageSize = 20
	}
	if q.PageSize > 100 {
		return TaskPage{}, &ValidationError{Fields: []FieldError{{Field: "pageSize", Reason: "at most 100"}}}
	}
	if _, err := s.engine(q.Engine); err != nil {
		return TaskPage{}, err
	}
	if r := s.reader(q.Engine); r != nil {
		return r.Tasks(ctx, q)
	}
	return s.history.list(q, visible), nil
}

func (s *Service) reader(engine string) TaskReader {
	r, _ := s.engines[engine].(TaskReader)
	return r
}

func logLevel(err error) slog.Level {
	if err != nil {
		return slog.LevelWarn
	}
	return slog.LevelInfo
}

func errAttr(err error) slog.Attr {
	if err == nil {
		return slog.Attr{}
	}
	return slog.String("error", RedactURLs(err.Error()))
}

// IsKind reports whether err is of any of the given kinds.
func IsKind(err error, kinds ...error) bool {
	for _, k := range kinds {
		if errors.Is(err, k) {
			return true
		}
	}
	return false
}

package core

import (
	"context"
	"errors"
	"sync"
	"time"
)

// results of running many syncs.
type results struct {
	tasks     []Task
	failed    []Failure
	canceled  []Failure     // under way when the caller gave up (its context cancelled)
	left      []SyncRequest // not started: the deadline was too near, a limit reached, or the caller gave up
	outOfTime bool          // left because of the deadline
	limit     string        // the limit that left them (Limits.reached), if one did
	transient error         // the first failure that may pass
}

// runAll runs reqs with bounded concurrency, never stopping at a failure.
// Near the context's deadline it starts no sync it likely cannot finish and
// returns those as left, as it does once the run has made maxCopies copies
// (0: no cap) or copied Limits.BytesPerRun bytes. Syncs in flight count
// against maxCopies until they end (a skip frees its place), so the cap
// holds at any concurrency. Its syncs are bounded by the trigger policy.
func (s *Service) runAll(ctx context.Context, reqs []SyncRequest, maxCopies int) results {
	ctx = s.asTriggers(ctx)
	r := &run{maxCopies: maxCopies}
	r.done = sync.NewCond(&r.mu)
	var wg sync.WaitGroup
	sem := make(chan struct{}, s.jobs)
	for i, req := range reqs {
		sem <- struct{}{}
		limit, avg := r.admit(s.sec.limits)
		if limit != "" || !s.timeFor(ctx, avg) {
			<-sem
			r.res.left, r.res.outOfTime, r.res.limit = append(r.res.left, reqs[i:]...),
				limit == "" && !errors.Is(ctx.Err(), context.Canceled), limit
			r.mu.Unlock()
			break
		}
		r.inflight++
		r.mu.Unlock()
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			start := s.now()
			task, err := s.Sync(ctx, req)
			r.end(task, err, req, s.now().Sub(start), ctx.Err() != nil && errors.Is(err, context.Canceled))
		}()
	}
	wg.Wait()
	return r.res
}

// run is the shared state of one runAll.
type run struct {
	mu        sync.Mutex
	done      *sync.Cond // a sync ended
	res       results
	maxCopies int
	inflight  int
	took      time.Duration
	ended     int
	copies    int
	bytes     int64
}

// admit locks r, waits while the syncs in flight could still fill the
// copy cap, and returns the limit reached (Limits.reached) and the average
// time a sync took so far. The caller unlocks.
func (r *run) admit(l Limits) (limit string, avg time.Duration) {
	r.mu.Lock()
	for r.maxCopies > 0 && r.inflight > 0 && r.copies+r.inflight >= r.maxCopies {
		r.done.Wait()
	}
	if r.ended > 0 {
		avg = r.took / time.Duration(r.ended)
	}
	return l.reached(r.copies, r.bytes, r.maxCopies), avg
}

// end records one finished sync, or one the caller gave up (canceled).
func (r *run) end(task Task, err error, req SyncRequest, took time.Duration, canceled bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	defer r.done.Broadcast()
	r.inflight--
	r.took += took
	r.ended++
	if canceled {
		r.res.canceled = append(r.res.canceled, failure(req, err))
		return
	}
	if err != nil {
		r.res.failed = append(r.res.failed, failure(req, err))
		if transient(err) && r.res.transient == nil {
			r.res.transient = err
		}
		return
	}
	r.res.tasks = append(r.res.tasks, task)
	r.bytes += task.Bytes
	if !task.Skipped {
		r.copies++
	}
}

// timeFor reports whether a sync expected to take about avg can still
// finish before ctx's deadline, with a margin.
func (s *Service) timeFor(ctx context.Context, avg time.Duration) bool {
	if ctx.Err() != nil {
		return false
	}
	deadline, ok := ctx.Deadline()
	if !ok {
		return true
	}
	need := max(2*avg, 3*time.Second)
	return deadline.Sub(s.now()) > need
}

// RunJob runs j once, as a tick naming it would, without j being among the
// configured triggers: the local CLI's tag-set sync builds one from its
// flags. j is validated first (a *ValidationError, ErrInvalid, lists every
// problem). Like a tick it never stops at the first failure: the outcome
// says what was copied, skipped, failed and pruned, and the error is
// non-nil only when something failed that may pass on a retry.
func (s *Service) RunJob(ctx context.Context, j Job, dryRun bool) (JobOutcome, error) {
	if err := j.Validate(); err != nil {
		return JobOutcome{Name: j.Name}, err
	}
	return s.runJob(ctx, j, dryRun)
}

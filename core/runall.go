package core

import (
	"context"
	"sync"
	"time"
)

// results of running many syncs.
type results struct {
	tasks     []Task
	failed    []Failure
	left      []SyncRequest // not started: the deadline was too near, or a limit reached
	outOfTime bool          // left because of the deadline
	transient error         // the first failure that may pass
}

// runAll runs reqs with bounded concurrency, never stopping at a failure.
// Near the context's deadline it starts no sync it likely cannot finish and
// returns those as left, as it does once the run has made maxCopies copies
// (0: no cap) or copied Limits.BytesPerRun bytes. Its syncs are bounded by
// the trigger policy.
func (s *Service) runAll(ctx context.Context, reqs []SyncRequest, maxCopies int) results {
	ctx = s.asTriggers(ctx)
	var (
		mu     sync.Mutex
		res    results
		wg     sync.WaitGroup
		took   time.Duration
		done   int
		copies int
		bytes  int64
		sem    = make(chan struct{}, s.jobs)
	)
	for i, req := range reqs {
		sem <- struct{}{}
		mu.Lock()
		avg := time.Duration(0)
		if done > 0 {
			avg = took / time.Duration(done)
		}
		full := s.sec.limits.full(copies, bytes, maxCopies)
		mu.Unlock()
		if full || !s.timeFor(ctx, avg) {
			<-sem
			res.left, res.outOfTime = append(res.left, reqs[i:]...), !full
			break
		}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			start := s.now()
			task, err := s.Sync(ctx, req)
			mu.Lock()
			defer mu.Unlock()
			took += s.now().Sub(start)
			done++
			if err != nil {
				res.failed = append(res.failed, failure(req, err))
				if transient(err) && res.transient == nil {
					res.transient = err
				}
				return
			}
			res.tasks = append(res.tasks, task)
			bytes += task.Bytes
			if !task.Skipped {
				copies++
			}
		}()
	}
	wg.Wait()
	return res
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

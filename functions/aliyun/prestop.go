package main

import (
	"context"
	"sync"
	"time"

	"github.com/imagesync/imagesync/functions/app"
)

// stopper lets FC's PreStop hook, its signal that an instance is about to
// be destroyed, stop the invocations under way as imagesync serve stops
// on SIGTERM: they may finish for up to grace, then are cancelled; the
// hook returns once they have ended, or when its own deadline comes.
type stopper struct {
	grace    time.Duration
	stopping context.Context
	stop     context.CancelFunc

	mu   sync.Mutex
	n    int
	idle chan struct{} // closed when n drops to 0
}

func newStopper(grace time.Duration) *stopper {
	s := &stopper{grace: grace, idle: make(chan struct{})}
	close(s.idle)
	s.stopping, s.stop = context.WithCancel(context.Background())
	return s
}

// track runs fn under ctx, cancelled grace after PreStop.
func (s *stopper) track(ctx context.Context, fn func(context.Context) (any, error)) (any, error) {
	s.mu.Lock()
	if s.n == 0 {
		s.idle = make(chan struct{})
	}
	s.n++
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		if s.n--; s.n == 0 {
			close(s.idle)
		}
		s.mu.Unlock()
	}()
	work, cancel := app.Graceful(ctx, s.stopping, s.grace)
	defer cancel()
	return fn(work)
}

// preStop is the PreStop hook.
func (s *stopper) preStop(ctx context.Context) {
	s.stop()
	s.mu.Lock()
	idle := s.idle
	s.mu.Unlock()
	select {
	case <-idle:
	case <-ctx.Done():
	}
}

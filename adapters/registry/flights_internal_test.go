package registry

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// A waiter shares the flight's success and its failure, except a failure
// that was the leader's own cancellation: then it writes for itself.
func TestFlights(t *testing.T) {
	for _, tc := range []struct {
		name    string
		leader  error
		want    error
		retried bool
	}{
		{"success is shared", nil, nil, false},
		{"a failure is shared", errors.New("denied"), errors.New("denied"), false},
		{"the leader's cancellation is not", context.Canceled, nil, true},
		{"nor its deadline", context.DeadlineExceeded, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var f flights
			started, release := make(chan struct{}), make(chan struct{})
			done := make(chan error)
			go func() {
				done <- f.do(context.Background(), "k", func() error { close(started); <-release; return tc.leader })
			}()
			<-started
			retried := false
			waiter := make(chan error)
			go func() {
				waiter <- f.do(context.Background(), "k", func() error { retried = true; return nil })
			}()
			waitFor(t, &f, "k", 1)
			close(release)
			assert.Equal(t, tc.leader, <-done)
			assert.Equal(t, tc.want, <-waiter)
			assert.Equal(t, tc.retried, retried)
		})
	}
}

// waitFor waits until n syncs wait for the flight of key.
func waitFor(t *testing.T, f *flights, key string, n int) {
	t.Helper()
	assert.Eventually(t, func() bool {
		f.mu.Lock()
		defer f.mu.Unlock()
		return f.m[key] != nil && f.m[key].waiters >= n
	}, 5*time.Second, time.Millisecond)
}

// A waiter whose own context ends stops waiting.
func TestFlightWaiterCancelled(t *testing.T) {
	var f flights
	release := make(chan struct{})
	defer close(release)
	started := make(chan struct{})
	go func() { _ = f.do(context.Background(), "k", func() error { close(started); <-release; return nil }) }()
	<-started
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.ErrorIs(t, f.do(ctx, "k", func() error { return nil }), context.Canceled)
}

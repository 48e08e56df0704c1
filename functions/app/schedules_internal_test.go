package app

import (
	"bytes"
	"context"
	"log/slog"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/imagesync/imagesync/infra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSchedulesRunWhenDue: in a bubble of fake time, an @every 1m job whose
// run takes 90 s starts at each minute mark unless its last run still
// goes (that due time is skipped and logged); a daily job runs at its
// time; shutdown starts nothing and waits for the run under way.
func TestSchedulesRunWhenDue(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now() // the bubble's epoch: 2000-01-01 00:00 UTC
		every, err := infra.ParseSchedule("@every 1m")
		require.NoError(t, err)
		daily, err := infra.ParseSchedule("5 0 * * *")
		require.NoError(t, err)
		var mu sync.Mutex
		runs := map[string][]time.Duration{}
		finished := 0
		run := func(ctx context.Context, name string, due time.Time) {
			mu.Lock()
			runs[name] = append(runs[name], due.Sub(start))
			mu.Unlock()
			if name == "slow" {
				select {
				case <-time.After(90 * time.Second):
				case <-ctx.Done():
				}
			}
			mu.Lock()
			finished++
			mu.Unlock()
		}
		var logs bytes.Buffer
		log := slog.New(slog.NewTextHandler(&logs, nil))
		ctx, stop := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() {
			runSchedules(ctx, []scheduled{{"slow", every}, {"daily", daily}}, run, time.Minute, log, time.Now)
			close(done)
		}()
		time.Sleep(6*time.Minute + 10*time.Second)
		stop()
		<-done
		assert.Equal(t, []time.Duration{time.Minute, 3 * time.Minute, 5 * time.Minute}, runs["slow"],
			"the 2nd, 4th and 6th minutes came while a run still went")
		assert.Equal(t, []time.Duration{5 * time.Minute}, runs["daily"])
		assert.Equal(t, 4, finished, "the run under way at shutdown finished within the grace")
		assert.Equal(t, 3, bytes.Count(logs.Bytes(), []byte("scheduled run skipped")), logs.String())
		assert.Equal(t, 6*time.Minute+30*time.Second, time.Since(start), "shutdown waited 20 s for the run started at 5m")
	})
}

// TestSchedulesGraceCutsLongRuns: a run still going when the grace ends
// has its context cancelled.
func TestSchedulesGraceCutsLongRuns(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		every, err := infra.ParseSchedule("@every 1m")
		require.NoError(t, err)
		var cut error
		run := func(ctx context.Context, _ string, _ time.Time) {
			<-ctx.Done()
			cut = ctx.Err()
		}
		ctx, stop := context.WithTimeout(context.Background(), 90*time.Second)
		defer stop()
		start := time.Now()
		runSchedules(ctx, []scheduled{{"forever", every}}, run, 10*time.Second, slog.New(slog.DiscardHandler), time.Now)
		assert.ErrorIs(t, cut, context.Canceled)
		assert.Equal(t, 100*time.Second, time.Since(start))
	})
}

package retry_test

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/imagesync/imagesync/adapters/internal/retry"
)

var errDown = errors.New("down")

func TestJitterStaysUnderTheCeiling(t *testing.T) {
	p := retry.Policy{Base: 10 * time.Millisecond, Max: 40 * time.Millisecond}
	for n := 1; n < 70; n++ {
		for range 20 {
			d := p.Jitter(n)
			assert.GreaterOrEqual(t, d, time.Duration(0))
			assert.LessOrEqual(t, d, min(p.Max, p.Base<<(min(n, 10)-1)), n)
		}
	}
	assert.Zero(t, retry.Policy{}.Jitter(1))
}

func TestDelay(t *testing.T) {
	p := retry.Policy{Attempts: 3, Base: time.Millisecond, Max: time.Millisecond, MaxWait: time.Minute}
	bg := context.Background()
	d, err := p.Delay(bg, retry.Try{N: 1, Hint: 30 * time.Second, Err: errDown})
	require.NoError(t, err)
	assert.Equal(t, 30*time.Second, d, "a Retry-After is a floor")

	var give *retry.GiveUpError
	for _, c := range []struct {
		name   string
		ctx    func() (context.Context, context.CancelFunc)
		try    retry.Try
		reason string
	}{
		{"tries spent", nil, retry.Try{N: 3, Err: errDown}, "no tries left"},
		{"over the max wait", nil, retry.Try{N: 1, Hint: 2 * time.Minute, Err: errDown}, "asks to wait 2m0s, over the max wait of 1m0s"},
		{"past the deadline", func() (context.Context, context.CancelFunc) { return context.WithTimeout(bg, time.Second) },
			retry.Try{N: 1, Hint: 30 * time.Second, Err: errDown}, "would outlive the deadline"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx := bg
			if c.ctx != nil {
				var cancel context.CancelFunc
				ctx, cancel = c.ctx()
				defer cancel()
			}
			_, err := p.Delay(ctx, c.try)
			require.ErrorAs(t, err, &give)
			assert.Contains(t, give.Reason, c.reason)
			assert.ErrorIs(t, err, errDown)
		})
	}
	d, err = p.Delay(bg, retry.Try{N: 5, Err: errDown, Window: time.Microsecond})
	require.NoError(t, err, "a window allows tries past Attempts")
	assert.LessOrEqual(t, d, time.Microsecond, "and caps the wait")
}

// Do retries what the call says is retryable, waits on the fake clock, and
// returns fn's own last error.
func TestDo(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := retry.Policy{Attempts: 4, Base: time.Second, Max: time.Second, MaxWait: time.Minute}
		calls, waits := 0, 0
		c := retry.Call{Retryable: func(err error) bool { return errors.Is(err, errDown) },
			Hint: func(error) time.Duration { return 10 * time.Second }, OnWait: func(int, time.Duration, error) { waits++ }}
		start := time.Now()
		err := p.Do(context.Background(), c, func() error { calls++; return errDown })
		assert.Same(t, errDown, err)
		assert.Equal(t, 4, calls)
		assert.Equal(t, 3, waits)
		assert.Equal(t, 30*time.Second, time.Since(start), "three waits of the 10 s asked")

		calls = 0
		err = p.Do(context.Background(), c, func() error { calls++; return errors.New("bad request") })
		assert.EqualError(t, err, "bad request")
		assert.Equal(t, 1, calls, "not retryable")

		ctx, cancel := context.WithCancel(context.Background())
		calls = 0
		err = p.Do(ctx, c, func() error { calls++; time.AfterFunc(time.Second, cancel); return errDown })
		assert.Same(t, errDown, err)
		assert.Equal(t, 1, calls, "a context ended mid-wait ends the retries")
	})
}

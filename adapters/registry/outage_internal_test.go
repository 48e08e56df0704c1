package registry

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

type timeoutErr struct{}

func (timeoutErr) Error() string   { return "i/o timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

// What counts as a registry out of reach (tried for the Outage window),
// as merely transient (tried Attempts times), or as final.
func TestOutageClassification(t *testing.T) {
	dial := func(err error) error { return &net.OpError{Op: "dial", Net: "tcp", Err: err} }
	for _, tc := range []struct {
		name              string
		err               error
		outage, retryable bool
	}{
		{"refused", dial(os.NewSyscallError("connect", syscall.ECONNREFUSED)), true, true},
		{"reset", &net.OpError{Op: "read", Err: os.NewSyscallError("read", syscall.ECONNRESET)}, true, true},
		{"connect timeout", dial(timeoutErr{}), true, true},
		{"DNS timeout", &net.DNSError{Err: "timeout", Name: "r.example", IsTimeout: true}, true, true},
		{"DNS server failure", &net.DNSError{Err: "server misbehaving", Name: "r.example", IsTemporary: true}, true, true},
		{"no such host", &net.DNSError{Err: "no such host", Name: "r.example", IsNotFound: true}, false, false},
		{"read timeout", &net.OpError{Op: "read", Err: timeoutErr{}}, false, true},
		{"wrapped refused", fmt.Errorf("ping: %w", dial(os.NewSyscallError("connect", syscall.ECONNREFUSED))), true, true},
		{"cancelled", fmt.Errorf("x: %w", context.Canceled), false, false},
		{"refused by the address guard", errors.New("dial tcp 169.254.169.254:80: address refused: forbidden"), false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.outage, outage(tc.err), "outage")
			assert.Equal(t, tc.retryable, retryableErr(tc.err), "retryable")
		})
	}
	for code, want := range map[int]bool{502: true, 503: true, 504: true, 500: false, 429: false} {
		assert.Equal(t, want, outageStatus(code), code)
	}
}

// Past its Attempts, a registry out of reach is waited for until the
// Outage window ends, the last wait cut to the window's end; never past
// the deadline.
func TestOutageWindow(t *testing.T) {
	r := Retry{Attempts: 2, Base: time.Millisecond, Max: time.Millisecond, Outage: time.Hour, maxWait: time.Minute}
	last := errors.New("refused")
	ctx := context.Background()
	assert.NoError(t, r.waitOut(ctx, 5, 0, last, time.Now().Add(-time.Minute)), "within the window")
	var give *GiveUpError
	assert.ErrorAs(t, r.waitOut(ctx, 5, 0, last, time.Now().Add(-2*time.Hour)), &give)
	assert.Contains(t, give.Reason, "out of reach for")
	assert.ErrorAs(t, r.wait(ctx, 2, 0, last), &give, "not out of reach: Attempts only")
	assert.Equal(t, "no tries left", give.Reason)

	short, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	assert.ErrorAs(t, r.waitOut(short, 5, 2*time.Second, last, time.Now()), &give)
	assert.Contains(t, give.Reason, "would outlive the deadline")
}

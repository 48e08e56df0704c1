package infra_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"syscall"
	"testing"
	"time"

	"github.com/imagesync/imagesync/infra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDialGuardControl(t *testing.T) {
	g := infra.DialGuard{}
	for _, addr := range []string{"169.254.169.254:80", "[fe80::1%eth0]:80", "[fd00:ec2::254]:80", "100.100.100.200:80",
		"[::ffff:169.254.169.254]:80", "0.0.0.0:5000", "[::]:5000", "[::ffff:0.0.0.0]:5000", "not-an-address"} {
		assert.ErrorIs(t, g.Control("tcp", addr, nil), infra.ErrBlockedAddress, addr)
	}
	for _, addr := range []string{"127.0.0.1:5000", "[::1]:80", "10.1.2.3:443", "8.8.8.8:443"} {
		assert.NoError(t, g.Control("tcp", addr, nil), addr)
	}
	allowed := infra.DialGuard{Allow: infra.AllowPrefixes([]string{"169.254.10.0/24", "100.100.100.200:80", "a.example.com"})}
	assert.NoError(t, allowed.Control("tcp", "169.254.10.7:80", nil))
	assert.NoError(t, allowed.Control("tcp", "100.100.100.200:80", nil))
	assert.Error(t, allowed.Control("tcp", "169.254.169.254:80", nil))
}

// TestDialGuardTransport: an HTTP client built on the guarded dialer
// refuses metadata addresses before any packet is sent, and still reaches
// a loopback server.
func TestDialGuardTransport(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(204) }))
	defer srv.Close()
	calls := 0
	base := &net.Dialer{Timeout: 5 * time.Second, ControlContext: func(context.Context, string, string, syscall.RawConn) error {
		calls++
		return nil
	}}
	d := infra.DialGuard{}.Dialer(base)
	client := &http.Client{Transport: &http.Transport{DialContext: d.DialContext}}
	start := time.Now()
	_, err := client.Get("http://169.254.169.254/latest/meta-data/iam/")
	require.ErrorIs(t, err, infra.ErrBlockedAddress)
	assert.Less(t, time.Since(start), time.Second, "refused at once, no connection attempt")
	res, err := client.Get(srv.URL)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, 204, res.StatusCode)
	assert.Equal(t, 2, calls, "the base dialer's own control still runs")
	assert.True(t, netip.MustParseAddr("169.254.169.254").IsLinkLocalUnicast())
}

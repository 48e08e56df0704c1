package hss_test

import (
	"context"
	"github.com/imagesync/imagesync/adapters/huawei"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/imagesync/imagesync/adapters/hss"
	"github.com/imagesync/imagesync/adapters/hss/hsstest"
	"github.com/imagesync/imagesync/core"
)

// loopbackOnly can reach loopback addresses only; any other dial fails the
// test, so nothing here can call HSS or IAM.
func loopbackOnly(t *testing.T) http.RoundTripper {
	t.Helper()
	dialer := &net.Dialer{Timeout: time.Second}
	return &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, _, err := net.SplitHostPort(addr)
		if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
			t.Errorf("dial to non-loopback address %q", addr)
			return nil, &net.AddrError{Err: "non-loopback address refused in tests", Addr: addr}
		}
		return dialer.DialContext(ctx, network, addr)
	}}
}

var (
	swrPrivate = core.HSSRegistry{ID: "reg-swr-1", Type: "SwrPrivate"}
	harbor     = core.HSSRegistry{ID: "reg-harbor-1", Type: "Harbor"}
)

// newEnv starts an emulator of cn-north-4 that knows swrPrivate and harbor,
// and an engine built from cfg pointed at it.
func newEnv(t *testing.T, cfg hss.Config, opts ...huawei.Option) (*hss.Engine, *hsstest.Server) {
	t.Helper()
	srv := hsstest.New(hsstest.Config{Registries: []core.HSSRegistry{swrPrivate, harbor}})
	t.Cleanup(srv.Close)
	cfg.Endpoint = srv.URL
	base := []huawei.Option{
		huawei.WithGetenv(func(string) string { return "" }),
		huawei.WithCredentials(huawei.Credentials{AK: hsstest.TestAK, SK: hsstest.TestSK}),
		huawei.WithTransport(loopbackOnly(t)),
		huawei.WithBackoff(time.Millisecond, 2*time.Millisecond),
	}
	e, err := hss.New(cfg, append(base, opts...)...)
	require.NoError(t, err)
	return e, srv
}

func target(registries ...core.HSSRegistry) core.Endpoint {
	return core.Endpoint{Engine: "hss", Project: hsstest.TestProjectID, Region: "cn-north-4", Registries: registries}
}

package swr_test

import (
	"context"
	"github.com/imagesync/imagesync/adapters/huawei"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/imagesync/imagesync/adapters/swr"
	"github.com/imagesync/imagesync/adapters/swr/swrtest"
	"github.com/imagesync/imagesync/core"
)

// loopbackOnly is a transport that can reach loopback addresses only: any
// other address fails the test, so nothing here can call the cloud or IAM.
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

func noEnv(string) string { return "" }

// newEnv starts an emulator of cn-north-4 with ns1/group/app and an engine
// pointed at it.
func newEnv(t *testing.T, opts ...huawei.Option) (*swr.Engine, *swrtest.Server) {
	t.Helper()
	srv := swrtest.New(swrtest.Config{})
	t.Cleanup(srv.Close)
	srv.AddRepository("ns1", "group/app")
	srv.AddRemoteNamespace("cn-east-3", "ns1")
	base := []huawei.Option{
		huawei.WithGetenv(noEnv),
		huawei.WithCredentials(huawei.Credentials{AK: swrtest.TestAK, SK: swrtest.TestSK}),
		huawei.WithTransport(loopbackOnly(t)),
		huawei.WithBackoff(time.Millisecond, 2*time.Millisecond),
	}
	e, err := swr.New(swr.Config{Region: "cn-north-4", Endpoint: srv.URL, ProjectID: swrtest.TestProjectID},
		append(base, opts...)...)
	require.NoError(t, err)
	return e, srv
}

func syncReq(tag string) core.SyncRequest {
	return core.SyncRequest{
		Source: core.Endpoint{Engine: "swr", Region: "cn-north-4", Namespace: "ns1", Repository: "group/app", Tag: tag},
		Target: core.Endpoint{Engine: "swr", Region: "cn-east-3", Namespace: "ns1", Repository: "group/app"},
	}
}

func ops(srv *swrtest.Server, op string) []swrtest.Request {
	var out []swrtest.Request
	for _, r := range srv.Requests() {
		if r.Op == op {
			out = append(out, r)
		}
	}
	return out
}

func fieldsOf(t *testing.T, err error) []string {
	t.Helper()
	var v *core.ValidationError
	require.ErrorAs(t, err, &v)
	var fields []string
	for _, f := range v.Fields {
		fields = append(fields, f.Field)
	}
	return fields
}

package registrytest

import (
	"io"
	"log"
	"net"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/google/go-containerregistry/pkg/registry"
)

// Counting starts an in-memory registry on loopback that counts every
// connection made to it (a TLS handshake attempt included, which never
// becomes a request), and returns its 127.0.0.1:port and the counter:
// tests that promise a registry is never contacted read it. It listens on
// [::1] at the same port as well, when it can, so that an address that
// reaches the host over IPv6 ([::]) is counted too.
func Counting(t testing.TB) (host string, conns *atomic.Int64) {
	t.Helper()
	conns = &atomic.Int64{}
	srv := &http.Server{
		Handler:  registry.New(registry.Logger(log.New(io.Discard, "", 0))),
		ErrorLog: log.New(io.Discard, "", 0),
		ConnState: func(_ net.Conn, state http.ConnState) {
			if state == http.StateNew {
				conns.Add(1)
			}
		},
	}
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }()
	port := ln.Addr().(*net.TCPAddr).Port
	if ln6, err := net.Listen("tcp6", net.JoinHostPort("::1", strconv.Itoa(port))); err == nil {
		go func() { _ = srv.Serve(ln6) }()
	}
	t.Cleanup(func() { _ = srv.Close() })
	return ln.Addr().String(), conns
}

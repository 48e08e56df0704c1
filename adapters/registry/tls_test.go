package registry_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"syscall"
	"testing"

	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func syncImage(t *testing.T, e *reg.Engine, src, dst string) (core.Task, error) {
	t.Helper()
	return e.Sync(context.Background(), core.SyncRequest{Source: core.Endpoint{Image: src}, Target: core.Endpoint{Image: dst}})
}

func tlsEngine(t *testing.T, opts ...reg.Option) *reg.Engine {
	t.Helper()
	e, err := reg.New(append([]reg.Option{reg.WithRetry(fastRetry)}, opts...)...)
	require.NoError(t, err)
	return e
}

// A docker-registry serving HTTPS with a certificate of a private CA, on
// 127.0.0.1 (which go-containerregistry would also try over HTTP) and on
// 127.0.0.2 (an ordinary host to it): copies to and from it work with the
// CA and with tls: insecure, and fail without either, naming the host and
// the settings that fix it.
func TestTLSRegistryWithPrivateCA(t *testing.T) {
	plain := newRegistry(t)
	want := pushIndex(t, plain+"/team/app:v1").String()
	ca := registrytest.NewCA(t)
	for _, ip := range []string{"127.0.0.1", "127.0.0.2"} {
		t.Run(ip, func(t *testing.T) {
			secure := registrytest.DistributionTLS(t, ca, ip, "")

			_, err := syncImage(t, tlsEngine(t), plain+"/team/app:v1", secure+"/mirror/app:v1")
			require.Error(t, err)
			var cerr *reg.CertificateError
			require.ErrorAs(t, err, &cerr, "%v", err)
			assert.Equal(t, secure, cerr.Host)
			for _, s := range []string{secure, "x509", "registry.hosts[].ca", "--dest-ca", "tls: insecure"} {
				assert.Contains(t, err.Error(), s)
			}
			assert.ErrorIs(t, err, core.ErrUnavailable)

			withCA := tlsEngine(t, reg.WithHosts(reg.HostTLS{Host: secure, CA: ca.Path}))
			task, err := syncImage(t, withCA, plain+"/team/app:v1", secure+"/mirror/app:v1")
			require.NoError(t, err)
			assert.Equal(t, want, task.Digest)
			assert.False(t, task.Skipped)
			task, err = syncImage(t, withCA, secure+"/mirror/app:v1", plain+"/back/app:v1")
			require.NoError(t, err, "the TLS host as a source")
			assert.Equal(t, want, digestOf(t, plain+"/back/app:v1"))

			insecure := tlsEngine(t, reg.WithHosts(reg.HostTLS{Host: secure, TLS: reg.TLSInsecure}))
			task, err = syncImage(t, insecure, plain+"/team/app:v1", secure+"/mirror/app:v1")
			require.NoError(t, err)
			assert.True(t, task.Skipped, "the target holds the digest already")
			task, err = syncImage(t, insecure, plain+"/team/app:v1", secure+"/other/app:v1")
			require.NoError(t, err)
			assert.Equal(t, want, task.Digest)
		})
	}
}

// A plain HTTP registry on an address go-containerregistry reaches over
// HTTPS only (127.0.0.2 here, 192.0.2.2 for a user) is refused with the
// setting that fixes it, and copied to with tls: disabled, or with the
// CLI's --insecure (TLS unverified, else plain HTTP).
func TestPlainHTTPRegistryOnOrdinaryHost(t *testing.T) {
	plain := newRegistry(t)
	want := pushIndex(t, plain+"/team/app:v1").String()
	far := registrytest.DistributionOn(t, "127.0.0.2")

	_, err := syncImage(t, tlsEngine(t), plain+"/team/app:v1", far+"/mirror/app:v1")
	require.Error(t, err)
	var perr *reg.PlainHTTPError
	require.ErrorAs(t, err, &perr, "%v", err)
	assert.Contains(t, err.Error(), "set tls: disabled")
	assert.Contains(t, err.Error(), far)

	task, err := syncImage(t, tlsEngine(t, reg.WithHosts(reg.HostTLS{Host: far, TLS: reg.TLSDisabled})),
		plain+"/team/app:v1", far+"/mirror/app:v1")
	require.NoError(t, err)
	assert.Equal(t, want, task.Digest)

	fallback := tlsEngine(t, reg.WithHosts(reg.HostTLS{Host: far, TLS: reg.TLSInsecure, HTTPFallback: true}))
	task, err = syncImage(t, fallback, far+"/mirror/app:v1", plain+"/back/app:v1")
	require.NoError(t, err)
	assert.Equal(t, want, digestOf(t, plain+"/back/app:v1"))
	task, err = syncImage(t, fallback, plain+"/team/app:v1", far+"/mirror/app:v1")
	require.NoError(t, err)
	assert.True(t, task.Skipped)
}

// tls: enabled holds a loopback host to HTTPS: go-containerregistry's HTTP
// fallback for 127.0.0.1 is not taken.
func TestTLSEnabledRefusesPlainHTTPOnLoopback(t *testing.T) {
	plain := newRegistry(t)
	pushIndex(t, plain+"/team/app:v1")
	local := registrytest.DistributionOn(t, "127.0.0.1")
	_, err := syncImage(t, tlsEngine(t, reg.WithHosts(reg.HostTLS{Host: local, TLS: reg.TLSEnabled})),
		plain+"/team/app:v1", local+"/mirror/app:v1")
	var perr *reg.PlainHTTPError
	require.ErrorAs(t, err, &perr, "%v", err)

	_, err = syncImage(t, tlsEngine(t), plain+"/team/app:v1", local+"/mirror/app:v1")
	require.NoError(t, err, "without an entry, loopback falls back to HTTP as before")
}

// A registry that asks for a client certificate (docker-registry's
// http.tls.clientcas) admits the engine with clientCert/clientKey only.
func TestTLSClientCertificate(t *testing.T) {
	plain := newRegistry(t)
	want := pushIndex(t, plain+"/team/app:v1").String()
	ca := registrytest.NewCA(t)
	clients := registrytest.NewCA(t)
	secure := registrytest.DistributionTLS(t, ca, "127.0.0.2", clients.Path)
	cert, key := clients.Issue(t)

	_, err := syncImage(t, tlsEngine(t, reg.WithHosts(reg.HostTLS{Host: secure, CA: ca.Path})),
		plain+"/team/app:v1", secure+"/mirror/app:v1")
	require.Error(t, err, "no client certificate")

	e := tlsEngine(t, reg.WithHosts(reg.HostTLS{Host: secure, CA: ca.Path, ClientCert: cert, ClientKey: key}))
	task, err := syncImage(t, e, plain+"/team/app:v1", secure+"/mirror/app:v1")
	require.NoError(t, err)
	assert.Equal(t, want, task.Digest)
}

// The per-host TLS transport dials through the engine's dialer: its
// Control (the address guard, in production) still decides.
func TestTLSHostKeepsDialer(t *testing.T) {
	plain := newRegistry(t)
	pushIndex(t, plain+"/team/app:v1")
	ca := registrytest.NewCA(t)
	secure := registrytest.DistributionTLS(t, ca, "127.0.0.2", "")
	refused := errors.New("refused by the test's Control")
	d := &net.Dialer{Control: func(_, address string, _ syscall.RawConn) error {
		if address == secure {
			return refused
		}
		return nil
	}}
	e := tlsEngine(t, reg.WithDialer(d), reg.WithHosts(reg.HostTLS{Host: secure, CA: ca.Path}))
	_, err := syncImage(t, e, plain+"/team/app:v1", secure+"/mirror/app:v1")
	require.ErrorIs(t, err, refused)
}

func TestHostsRefusedByNew(t *testing.T) {
	ca := registrytest.NewCA(t)
	for name, h := range map[string]reg.HostTLS{
		"no host":          {CA: ca.Path},
		"scheme":           {Host: "https://reg.example.com"},
		"mode":             {Host: "reg.example.com", TLS: "off"},
		"missing ca":       {Host: "reg.example.com", CA: "/nonexistent/ca.pem"},
		"not pem":          {Host: "reg.example.com", CA: "/etc/hostname"},
		"cert without key": {Host: "reg.example.com", ClientCert: ca.Path},
		"disabled with ca": {Host: "reg.example.com", TLS: reg.TLSDisabled, CA: ca.Path},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := reg.New(reg.WithHosts(h))
			require.ErrorIs(t, err, core.ErrInvalid)
			assert.ErrorContains(t, err, h.Host)
		})
	}
	for _, ok := range []string{"reg.internal", "reg.internal:5000", "10.0.0.2:5000", "[::1]", "[fd00::2]:5000"} {
		assert.Empty(t, reg.HostTLS{Host: ok}.Check(), ok)
	}
	_, err := reg.New(reg.WithHosts(reg.HostTLS{Host: "a.example"}, reg.HostTLS{Host: "A.example"}))
	assert.ErrorContains(t, err, "given twice")
	_, err = reg.New(reg.WithTransport(http.NewFileTransport(http.Dir("/"))), reg.WithHosts(reg.HostTLS{Host: "a.example", CA: ca.Path}))
	assert.ErrorIs(t, err, core.ErrInvalid)
}

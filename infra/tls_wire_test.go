package infra_test

import (
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/infra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// registry.hosts, from a YAML file through Load and Build: a private-CA
// registry that asks for a client certificate, one whose certificate is
// not verified, and a plain HTTP one on an address that is reached over
// HTTPS by default, all copied to; without the file's entries each copy
// fails.
func TestRegistryHostsWired(t *testing.T) {
	src := registrytest.InMemory(t)
	want := registrytest.PushIndex(t, src+"/team/app:v1", 512, 1, 2)
	ca, clients := registrytest.NewCA(t), registrytest.NewCA(t)
	mtls := registrytest.DistributionTLS(t, ca, "127.0.0.2", clients.Path)
	unverified := registrytest.DistributionTLS(t, registrytest.NewCA(t), "127.0.0.2", "")
	plain := registrytest.DistributionOn(t, "127.0.0.2")
	cert, key := clients.Issue(t)
	yaml := fmt.Sprintf(`registry:
  hosts:
    - {host: %q, ca: %q, clientCert: %q, clientKey: %q}
    - {host: %q, tls: insecure}
    - {host: %q, tls: disabled}
`, mtls, ca.Path, cert, key, unverified, plain)

	without := build(t, "registry: {attempts: 1}\n")
	with := build(t, yaml)
	for _, host := range []string{mtls, unverified, plain} {
		req := core.SyncRequest{Source: core.Endpoint{Image: src + "/team/app:v1"}, Target: core.Endpoint{Image: host + "/mirror/app:v1"}}
		_, err := without.Sync(context.Background(), req)
		require.Error(t, err, host)
		assert.Contains(t, err.Error(), host)
		task, err := with.Sync(context.Background(), req)
		require.NoError(t, err, host)
		assert.Equal(t, want, task.Digest)
	}
}

func build(t *testing.T, yaml string) *core.Service {
	t.Helper()
	cfg, err := infra.Load(write(t, yaml), env(nil))
	require.NoError(t, err)
	svc, err := infra.Build(cfg, infra.NewLogger(io.Discard, cfg.Log))
	require.NoError(t, err)
	return svc
}

func TestRegistryHostsRefused(t *testing.T) {
	_, err := infra.Load(write(t, `registry:
  hosts:
    - {host: "reg.internal:5000", tls: off}
    - {host: "https://reg.internal"}
    - {host: "a.example", tls: disabled, ca: /x.pem}
    - {host: "b.example", clientCert: /c.pem}
`), env(nil))
	require.Error(t, err)
	for _, s := range []string{"registry.hosts[0]: tls must be enabled, insecure or disabled",
		"registry.hosts[1]: host must be host[:port]", "registry.hosts[2]: tls: disabled (plain HTTP) takes no ca",
		"registry.hosts[3]: clientCert and clientKey go together"} {
		assert.Contains(t, err.Error(), s)
	}

	_, err = infra.Load(write(t, "registry:\n  hosts: [{host: c.example, insecure: true}]\n"), env(nil))
	require.ErrorContains(t, err, "registry.hosts[0].insecure: unknown key")

	cfg, err := infra.Load(write(t, "registry:\n  hosts: [{host: reg.internal, ca: /nonexistent/ca.pem}]\n"), env(nil))
	require.NoError(t, err, "files are read when the engine is built")
	_, err = infra.Build(cfg, infra.NewLogger(io.Discard, cfg.Log))
	require.ErrorContains(t, err, "/nonexistent/ca.pem")
}

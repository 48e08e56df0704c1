package infra_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/infra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// registry.hosts[].address, from a YAML file through Load and Build: a
// plain HTTP docker-registry known as myreg.test:5000 and a private-CA
// HTTPS one known as secure.test:5443 (names that do not resolve), each
// at its 127.0.0.1 address, copied into and out of; the tasks name the
// hosts. The same file without the address keys fails every copy.
func TestRegistryHostAddressWired(t *testing.T) {
	src := registrytest.InMemory(t)
	want := registrytest.PushIndex(t, src+"/team/app:v1", 512, 1, 2)
	ca := registrytest.NewCA(t)
	plain, secure := registrytest.Distribution(t, ""), registrytest.DistributionTLS(t, ca, "127.0.0.1", "")
	yaml := fmt.Sprintf(`registry:
  attempts: 1
  hosts:
    - host: myreg.test:5000
      address: %s
      tls: disabled
    - {host: "secure.test:5443", address: %q, ca: %q}
`, plain, secure, ca.Path)
	without := build(t, strings.NewReplacer("address: "+plain, "", fmt.Sprintf("address: %q, ", secure), "").Replace(yaml))
	with := build(t, yaml)
	for host, at := range map[string]string{"myreg.test:5000": plain, "secure.test:5443": secure} {
		in := core.SyncRequest{Source: core.Endpoint{Image: src + "/team/app:v1"}, Target: core.Endpoint{Image: host + "/mirror/app:v1"}}
		_, err := without.Sync(context.Background(), in)
		require.Error(t, err, host)
		assert.Contains(t, err.Error(), host)

		task, err := with.Sync(context.Background(), in)
		require.NoError(t, err, host)
		assert.Equal(t, want, task.Digest)
		assert.Equal(t, host+"/mirror/app:v1", task.Target.Image)
		if host == "myreg.test:5000" {
			assert.Equal(t, want, registrytest.Digest(t, at+"/mirror/app:v1"), "landed at the address")
		}
		task, err = with.Sync(context.Background(), core.SyncRequest{Source: core.Endpoint{Image: host + "/mirror/app:v1"},
			Target: core.Endpoint{Image: src + "/back/" + strings.Split(host, ".")[0] + ":v1"}})
		require.NoError(t, err, host)
		assert.Equal(t, want, task.Digest)
		assert.Equal(t, host+"/mirror/app:v1", task.Source.Image)
	}
}

// An address is held to the address guard as a host is: 0.0.0.0 and [::]
// reach the machine's own services, so an alias at such an address is
// refused (forbidden, the registry never contacted) as a sync to the
// address itself is, and allowed by the same policy.allowHosts entries.
func TestRegistryHostAddressGuarded(t *testing.T) {
	src := registrytest.InMemory(t)
	registrytest.PushIndex(t, src+"/team/app:v1", 512, 1, 1)
	dst, conns := registrytest.Counting(t)
	_, port, _ := strings.Cut(dst, ":")
	for _, c := range []struct {
		name, target, hosts string
	}{
		{"the address as the host", "0.0.0.0:" + port, `{host: "0.0.0.0:` + port + `", tls: disabled}`},
		{"0.0.0.0 as the address", "myreg.test:5000", `{host: myreg.test:5000, address: "0.0.0.0:` + port + `", tls: disabled}`},
		{"[::] as the address", "myreg.test:5000", `{host: myreg.test:5000, address: "[::]:` + port + `", tls: disabled}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			req := core.SyncRequest{Source: core.Endpoint{Image: src + "/team/app:v1"}, Target: core.Endpoint{Image: c.target + "/team/app:v1"}}
			before := conns.Load()
			_, err := build(t, "registry: {attempts: 1, hosts: ["+c.hosts+"]}\n").Sync(context.Background(), req)
			require.ErrorIs(t, err, core.ErrForbidden)
			assert.Contains(t, err.Error(), "unspecified")
			assert.Equal(t, before, conns.Load(), "the refused registry was contacted")

			_, err = build(t, `policy: {allowHosts: ["0.0.0.0", "::"]}`+"\nregistry: {attempts: 1, hosts: ["+c.hosts+"]}\n").Sync(context.Background(), req)
			require.NoError(t, err, "allowed")
			assert.Greater(t, conns.Load(), before)
		})
	}
}

// A bad address is refused at load with its path, as the other keys of
// an entry are.
func TestRegistryHostAddressRefused(t *testing.T) {
	_, err := infra.Load(write(t, `registry:
  hosts:
    - {host: "reg.internal:5000", address: "http://reg.svc:5000"}
    - {host: "reg.other:5000", address: "reg.svc:5000/v2"}
    - {host: "reg.third:5000", address: "reg svc"}
    - {host: "reg.fourth:5000", address: "reg.svc:5000"}
`), env(nil))
	require.Error(t, err)
	for i := range 3 {
		assert.Contains(t, err.Error(), fmt.Sprintf("registry.hosts[%d].address: must be host[:port], without scheme, path or spaces", i))
	}
	assert.NotContains(t, err.Error(), "registry.hosts[3]")
}

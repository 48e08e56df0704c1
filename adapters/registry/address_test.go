package registry_test

import (
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// alias is the registry host the tests write in image references: a name
// that does not resolve, so that only its address reaches the registry.
const alias = "myreg.test:5000"

// A docker-registry on 127.0.0.1 known as myreg.test:5000 (which does
// not resolve) through registry.hosts[].address: copies out of it and
// into it, its tag list and its catalog (one repository a page) all
// reach it; with the registry's own absolute
// Locations (built on the Host header, which stays the alias) and with
// relative ones, anonymous and behind htpasswd with the alias's login.
// Without the address nothing resolves.
func TestHostAddress(t *testing.T) {
	for _, c := range []struct {
		name  string
		extra string // the registry's http section
		login bool
	}{
		{"absolute Locations", "", false},
		{"relative Locations", "  relativeurls: true\n", false},
		{"htpasswd, absolute Locations", "", true},
		{"htpasswd, relative Locations", "  relativeurls: true\n", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			other := newRegistry(t)
			want := pushIndex(t, other+"/team/app:v1").String()
			var addr string
			opts := []reg.Option{reg.WithRetry(fastRetry), reg.WithCatalogPageSize(1)}
			if c.login {
				addr = distributionLocked(t, c.extra)
				opts = append(opts, reg.WithKeychain(reg.StaticKeychain([]reg.Credential{{Host: alias, Username: "robot", PasswordEnv: "PW"}},
					env(map[string]string{"PW": secret}))))
			} else {
				addr = registrytest.Distribution(t, c.extra)
			}

			_, err := tlsEngine(t, append(opts, reg.WithHosts(reg.HostTLS{Host: alias, TLS: reg.TLSDisabled}))...).
				Sync(context.Background(), copyReq(other+"/team/app:v1", alias+"/a:v1"))
			require.Error(t, err, "without an address the alias does not resolve")

			e := tlsEngine(t, append(opts, reg.WithHosts(reg.HostTLS{Host: alias, Address: addr, TLS: reg.TLSDisabled}))...)
			task, err := e.Sync(context.Background(), copyReq(other+"/team/app:v1", alias+"/a:v1"))
			require.NoError(t, err, "into the alias")
			assert.Equal(t, want, task.Digest)
			if !c.login {
				assert.Equal(t, want, digestOf(t, addr+"/a:v1"), "landed at the address")
			}
			for _, repo := range []string{"b", "c"} {
				_, err = e.Sync(context.Background(), copyReq(other+"/team/app:v1", alias+"/"+repo+":v2"))
				require.NoError(t, err)
			}

			_, err = e.Sync(context.Background(), copyReq(alias+"/a:v1", other+"/back/app:v1"))
			require.NoError(t, err, "out of the alias")
			assert.Equal(t, want, digestOf(t, other+"/back/app:v1"))

			tags, err := e.ListTags(context.Background(), alias+"/a")
			require.NoError(t, err)
			assert.Equal(t, []string{"v1"}, tags)
			l, err := e.ListRepositories(context.Background(), alias, "")
			require.NoError(t, err)
			assert.Equal(t, []string{"a", "b", "c"}, l.Repositories, "three catalog pages")
		})
	}
}

// distributionLocked is registrytest.DistributionBasicAuth for robot and
// secret, with extra in its http section (relativeurls).
func distributionLocked(t *testing.T, extra string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "htpasswd")
	require.NoError(t, os.WriteFile(path, []byte(registrytest.HtpasswdLine(t, "robot", secret)), 0o600))
	return registrytest.Distribution(t, extra+"auth:\n  htpasswd:\n    realm: imagesync-test\n    path: "+path+"\n")
}

// TLS to an alias: the entry's CA, and its verification against the
// address (127.0.0.1, where the engine connects; the certificate names
// it), copy in and out; a certificate of another CA, or one for the
// alias's name only, fails with a CertificateError naming the address
// and the alias.
func TestHostAddressTLS(t *testing.T) {
	const secureAlias = "secure.test:5443"
	plain := newRegistry(t)
	want := pushIndex(t, plain+"/team/app:v1").String()
	ca := registrytest.NewCA(t)
	secure := registrytest.DistributionTLS(t, ca, "127.0.0.1", "")

	e := tlsEngine(t, reg.WithHosts(reg.HostTLS{Host: secureAlias, Address: secure, CA: ca.Path}))
	task, err := syncImage(t, e, plain+"/team/app:v1", secureAlias+"/mirror/app:v1")
	require.NoError(t, err)
	assert.Equal(t, want, task.Digest)
	assert.Equal(t, want, digestOf(t, plain+"/team/app:v1"))
	_, err = syncImage(t, e, secureAlias+"/mirror/app:v1", plain+"/back/app:v1")
	require.NoError(t, err, "the alias as a source")
	assert.Equal(t, want, digestOf(t, plain+"/back/app:v1"))

	aliasOnly, key := ca.Issue(t, "secure.test")
	named := registrytest.DistributionAt(t, registrytest.FreeAddr(t), "  tls:\n    certificate: "+aliasOnly+"\n    key: "+key+"\n")
	for name, h := range map[string]reg.HostTLS{
		"another CA":                  {Host: secureAlias, Address: secure, CA: registrytest.NewCA(t).Path},
		"a certificate for the alias": {Host: secureAlias, Address: named, CA: ca.Path},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := syncImage(t, tlsEngine(t, reg.WithHosts(h)), plain+"/team/app:v1", secureAlias+"/mirror/app:v2")
			var cerr *reg.CertificateError
			require.ErrorAs(t, err, &cerr, "%v", err)
			assert.Equal(t, h.Address, cerr.Host)
			assert.Equal(t, secureAlias, cerr.For)
			assert.Contains(t, err.Error(), "registry "+h.Address+" (the address of "+secureAlias+"): TLS certificate not trusted")
			assert.ErrorIs(t, err, core.ErrUnavailable)
		})
	}
}

// Address is checked as host is: host[:port], no scheme, path or spaces.
func TestHostAddressChecked(t *testing.T) {
	for addr, ok := range map[string]bool{"registry.registry:5000": true, "127.0.0.1:5000": true, "[::1]:5000": true, "reg": true,
		"http://reg:5000": false, "reg:5000/v2": false, "reg 5000": false, "reg\t:5000": false, ":5000": false, "user@reg": false, "[::1": false} {
		reason := reg.HostTLS{Host: alias, Address: addr}.Check()
		if ok {
			assert.Empty(t, reason, addr)
			continue
		}
		assert.True(t, strings.HasPrefix(reason, "address: must be host[:port]"), "%q: %s", addr, reason)
		p := reg.CheckHosts([]reg.HostTLS{{Host: alias, Address: addr}})
		assert.Equal(t, "address", p[0].Field, addr)
	}
	_, err := reg.New(reg.WithHosts(reg.HostTLS{Host: alias, Address: "http://reg:5000"}))
	require.ErrorIs(t, err, core.ErrInvalid)
}

// The alias's login from docker's config.json, found by the alias (the
// default keychain), reaches the htpasswd registry at the address.
func TestHostAddressDockerConfig(t *testing.T) {
	other := newRegistry(t)
	want := pushIndex(t, other+"/team/app:v1").String()
	addr := distributionLocked(t, "")
	dir := t.TempDir()
	auth := base64.StdEncoding.EncodeToString([]byte("robot:" + secret))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "config.json"), []byte(`{"auths": {"`+alias+`": {"auth": "`+auth+`"}}}`), 0o600))
	t.Setenv("DOCKER_CONFIG", dir)

	task, err := tlsEngine(t, reg.WithHosts(reg.HostTLS{Host: alias, Address: addr, TLS: reg.TLSDisabled})).
		Sync(context.Background(), copyReq(other+"/team/app:v1", alias+"/a:v1"))
	require.NoError(t, err)
	assert.Equal(t, want, task.Digest)
}

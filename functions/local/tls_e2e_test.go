package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runBin runs the binary and returns its exit code, stdout and stderr.
func runBin(t *testing.T, bin string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else {
		require.NoError(t, err)
	}
	return code, stdout.String(), stderr.String()
}

// The CLI's TLS flags and registry.hosts, through the built binary: a
// private-CA registry (with --dest-ca, not without, and with
// --dest-tls=insecure), a plain HTTP registry on an address reached over
// HTTPS by default (--src-tls=disabled, --insecure), and a registry that
// asks for a client certificate (registry.hosts in --config).
func TestCLITLSFlags(t *testing.T) {
	bin := buildBinary(t)
	ca, clients := registrytest.NewCA(t), registrytest.NewCA(t)
	plain := registrytest.DistributionOn(t, "127.0.0.2")
	secure := registrytest.DistributionTLS(t, ca, "127.0.0.2", "")
	mtls := registrytest.DistributionTLS(t, ca, "127.0.0.1", clients.Path)
	local := registrytest.Distribution(t, "")
	want := registrytest.PushIndex(t, local+"/team/app:v1", 4096, 1, 2)

	code, _, stderr := runBin(t, bin, "sync", "--progress=false", local+"/team/app:v1", plain+"/team/app:v1")
	require.Equal(t, 1, code, stderr)
	assert.Contains(t, stderr, "set tls: disabled")
	code, out, stderr := runBin(t, bin, "sync", "--progress=false", "--dest-tls=disabled", local+"/team/app:v1", plain+"/team/app:v1")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, want)

	code, _, stderr = runBin(t, bin, "sync", "--progress=false", "--src-tls=disabled", plain+"/team/app:v1", secure+"/mirror/app:v1")
	require.Equal(t, 1, code, stderr)
	for _, s := range []string{secure, "x509", "--dest-ca", "tls: insecure"} {
		assert.Contains(t, stderr, s)
	}
	code, out, stderr = runBin(t, bin, "sync", "--progress=false", "--src-tls", "disabled", "--dest-ca", ca.Path,
		plain+"/team/app:v1", secure+"/mirror/app:v1")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, want)
	code, _, stderr = runBin(t, bin, "sync", "--progress=false", "--insecure", "--all-tags", plain+"/team/app", secure+"/other/app")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "copied 1, skipped 0, failed 0")
	code, _, stderr = runBin(t, bin, "sync", "--progress=false", "--dest-tls=insecure", local+"/team/app:v1", secure+"/other/app:v1")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stderr, "skipped")

	cert, key := clients.Issue(t)
	cfg := filepath.Join(t.TempDir(), "imagesync.yaml")
	require.NoError(t, os.WriteFile(cfg, fmt.Appendf(nil, "registry:\n  hosts:\n    - {host: %q, ca: %q, clientCert: %q, clientKey: %q}\n",
		mtls, ca.Path, cert, key), 0o600))
	code, _, stderr = runBin(t, bin, "sync", "--progress=false", "--dest-ca", ca.Path, local+"/team/app:v1", mtls+"/team/app:v1")
	require.Equal(t, 1, code, "no client certificate: %s", stderr)
	code, out, stderr = runBin(t, bin, "sync", "--progress=false", "--config", cfg, local+"/team/app:v1", mtls+"/team/app:v1")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, want)

	code, _, stderr = runBin(t, bin, "sync", "--dest-tls=maybe", local+"/team/app:v1", secure+"/x/app:v1")
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "tls must be enabled, insecure or disabled")
}

package registrytest

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// DistributionBinary is where Debian installs the distribution registry.
const DistributionBinary = "/usr/bin/docker-registry"

// Distribution starts a docker-registry process on a free loopback port,
// storing into a temporary folder, and returns its host:port. extraYAML is
// appended to its configuration (e.g. a notifications section). Without the
// binary the test is skipped, unless CI is set, when it fails. Its log goes
// to stderr when IMAGESYNC_REGISTRY_LOG is set, else nowhere.
func Distribution(t testing.TB, extraYAML string) string {
	t.Helper()
	host, _ := DistributionDir(t, extraYAML)
	return host
}

// DistributionDir is Distribution that also returns the storage folder,
// which a benchmark may empty between runs to make the registry cold.
func DistributionDir(t testing.TB, extraYAML string) (host, data string) {
	t.Helper()
	return distributionAt(t, FreeAddr(t), extraYAML)
}

// DistributionAt is Distribution listening on host (a loopback host:port
// from FreeAddr): a test may use the address while nothing listens there,
// and start the registry later.
func DistributionAt(t testing.TB, host, extraYAML string) string {
	t.Helper()
	host, _ = distributionAt(t, host, extraYAML)
	return host
}

// distributionAt starts a docker-registry listening on host (ip:port).
// extraYAML may start with lines indented by two spaces: they belong to
// its http section.
func distributionAt(t testing.TB, host, extraYAML string) (string, string) {
	t.Helper()
	bin := DistributionBinary
	if _, err := os.Stat(bin); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing: run make test, which installs it", bin)
		}
		t.Skipf("%s is missing (make test installs it)", bin)
	}
	dir := t.TempDir()
	cfg := fmt.Sprintf(`version: 0.1
log:
  level: error
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: %s
  delete:
    enabled: true
http:
  addr: %s
  secret: imagesync-test
%s`, filepath.Join(dir, "data"), host, extraYAML)
	path := filepath.Join(dir, "config.yml")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "serve", path)
	if os.Getenv("IMAGESYNC_REGISTRY_LOG") != "" {
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	WaitHTTP(t, "http://"+host+"/v2/")
	return host, filepath.Join(dir, "data")
}

// FreeAddr returns a loopback address with a port free right now.
func FreeAddr(t testing.TB) string {
	t.Helper()
	return FreeAddrOn(t, "127.0.0.1")
}

// FreeAddrOn returns ip:port with a port free right now on ip, e.g.
// 127.0.0.2: loopback, but not an address go-containerregistry reaches
// over plain HTTP on its own.
func FreeAddrOn(t testing.TB, ip string) string {
	t.Helper()
	ln, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// WaitHTTP waits up to 20 s for url to answer at all.
func WaitHTTP(t testing.TB, url string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		res, err := http.Get(url)
		if err == nil {
			res.Body.Close()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s did not answer within 20s", url)
}

package registrytest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

// DistributionBasicAuth starts a docker-registry (as Distribution) that
// admits only user:pass, through its own htpasswd access controller: HTTP
// basic auth checked against a bcrypt entry, 401 with a Basic challenge
// otherwise. extraYAML is appended as for Distribution.
func DistributionBasicAuth(t testing.TB, user, pass, extraYAML string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "htpasswd")
	if err := os.WriteFile(path, []byte(HtpasswdLine(t, user, pass)), 0o600); err != nil {
		t.Fatal(err)
	}
	return Distribution(t, fmt.Sprintf(`auth:
  htpasswd:
    realm: imagesync-test
    path: %s
%s`, path, extraYAML))
}

// HtpasswdLine is one htpasswd entry for user:pass, bcrypt-hashed (the
// only scheme docker-registry accepts), with its newline.
func HtpasswdLine(t testing.TB, user, pass string) string {
	t.Helper()
	hash, err := bcrypt.GenerateFromPassword([]byte(pass), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	return user + ":" + string(hash) + "\n"
}

package registry

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"regexp"
	"strings"
	"time"

	"github.com/imagesync/imagesync/core"
)

// helperName is what a helper may be called: a name looked up on PATH,
// never a path.
var helperName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`)

// helperTimeout bounds one credential helper run.
const helperTimeout = time.Minute

// helperLogin asks a docker credential helper for host's login, as docker
// does: `docker-credential-<name> get` with the server URL on stdin, a
// JSON {"Username", "Secret"} on stdout. name may be given whole
// (docker-credential-ecr-login, as regsync writes it) or as docker's
// config.json names it (ecr-login). The secret is never put in an error.
func helperLogin(name, host string) (user, secret string, err error) {
	bin := name
	if !strings.HasPrefix(bin, "docker-credential-") {
		bin = "docker-credential-" + bin
	}
	server := host
	if normalHost(host) == "index.docker.io" {
		server = "https://index.docker.io/v1/" // the key docker's helpers store Hub logins under
	}
	ctx, cancel := context.WithTimeout(context.Background(), helperTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "get")
	cmd.Stdin = strings.NewReader(server)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", "", core.Errorf(core.ErrUnauthorized, "credential helper %s for %s: %v%s", bin, host, err, firstLine(stderr.String()))
	}
	var out struct{ Username, Secret string }
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		return "", "", core.Errorf(core.ErrUnauthorized, "credential helper %s for %s: its answer is not JSON {Username, Secret}", bin, host)
	}
	return out.Username, out.Secret, nil
}

// firstLine is ": " and the first line of s (at most 200 bytes), or "".
func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if s == "" {
		return ""
	}
	if len(s) > 200 {
		s = s[:200]
	}
	return fmt.Sprintf(": %s", s)
}

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/stretchr/testify/require"
)

// basic is a registry login for the test's own pushes and reads (nil:
// anonymous).
type basic = *authn.Basic

func remoteOpts(l basic) []remote.Option {
	if l == nil {
		return nil
	}
	return []remote.Option{remote.WithAuth(l)}
}

// pushImage pushes a small random image to ref (a two-platform index when
// index is set) and returns its digest: each call makes new content.
func pushImage(t *testing.T, ref string, l basic, index bool) string {
	t.Helper()
	r, err := name.ParseReference(ref)
	require.NoError(t, err)
	if index {
		idx, err := random.Index(512, 1, 2)
		require.NoError(t, err)
		require.NoError(t, remote.WriteIndex(r, idx, remoteOpts(l)...))
		d, err := idx.Digest()
		require.NoError(t, err)
		return d.String()
	}
	img, err := random.Image(512, 1)
	require.NoError(t, err)
	require.NoError(t, remote.Write(r, img, remoteOpts(l)...))
	d, err := img.Digest()
	require.NoError(t, err)
	return d.String()
}

// seed pushes every repository's tags to host (alternating indexes and
// single images) and returns each tag's digest by "repo:tag".
func seed(t *testing.T, host string, l basic, repos map[string][]string) map[string]string {
	t.Helper()
	out := map[string]string{}
	n := 0
	for repo, tags := range repos {
		for _, tag := range tags {
			out[repo+":"+tag] = pushImage(t, host+"/"+repo+":"+tag, l, n%2 == 0)
			n++
		}
	}
	return out
}

// targets lists what host holds in repos: "repo:tag" -> digest.
func targets(t *testing.T, host string, l basic, repos ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, repo := range repos {
		r, err := name.NewRepository(host + "/" + repo)
		require.NoError(t, err)
		tags, err := remote.List(r, remoteOpts(l)...)
		if err != nil {
			continue // no such repository: nothing was copied there
		}
		for _, tag := range tags {
			d, err := remote.Head(r.Tag(tag), remoteOpts(l)...)
			require.NoError(t, err)
			out[repo+":"+tag] = d.Digest.String()
		}
	}
	return out
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// regsyncBinary is the regsync that make test installs (go install, v0.11.7)
// on PATH or in GOPATH/bin. Without it the test is skipped, or fails under CI.
func regsyncBinary(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("regsync"); err == nil {
		return p
	}
	out, err := exec.Command("go", "env", "GOPATH").Output()
	if err == nil {
		p := filepath.Join(strings.TrimSpace(string(out)), "bin", "regsync")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("regsync is missing: run make test, which installs it (go install github.com/regclient/regclient/cmd/regsync@v0.11.7)")
	}
	t.Skip("regsync is missing (make test installs it)")
	return ""
}

// runTool runs a binary with exactly env (plus a private HOME and docker
// config) and fails the test unless it exits 0.
func runTool(t *testing.T, bin string, env []string, args ...string) string {
	t.Helper()
	home := t.TempDir()
	cmd := exec.Command(bin, args...)
	cmd.Env = append([]string{"HOME=" + home, "DOCKER_CONFIG=" + filepath.Join(home, ".docker"), "PATH=" + os.Getenv("PATH")}, env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	require.NoError(t, err, "%s %s:\n%s", filepath.Base(bin), strings.Join(args, " "), out.String())
	return out.String()
}

// writeConfig writes text with each old string replaced by its new one.
func writeConfig(t *testing.T, dir, name, text string, replace ...string) string {
	t.Helper()
	text = strings.NewReplacer(replace...).Replace(text)
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, []byte(text), 0o600))
	return p
}

package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadVersion(t *testing.T) {
	v := readVersion(func() (*debug.BuildInfo, bool) {
		return &debug.BuildInfo{GoVersion: "go1.25.3", Main: debug.Module{Version: "v1.2.3"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "2804026299"}, {Key: "vcs.time", Value: "2026-11-27T14:08:51Z"}, {Key: "vcs.modified", Value: "true"}}}, true
	})
	assert.Equal(t, buildVersion{Version: "v1.2.3", Revision: "2804026299", Time: "2026-11-27T14:08:51Z", Modified: true,
		Go: "go1.25.3", Platform: runtime.GOOS + "/" + runtime.GOARCH}, v)
	v = readVersion(func() (*debug.BuildInfo, bool) { return nil, false })
	assert.Equal(t, "unknown", v.Version)
	assert.Equal(t, runtime.Version(), v.Go)
}

// The built binary reports what it was built from: in a git checkout
// (a fresh clone, as CI's), the revision of HEAD and its commit time.
func TestVersionOfTheBuiltBinary(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "imagesync")
	out, err := exec.Command("go", "build", "-buildvcs=auto", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, string(out))

	text, err := exec.Command(bin, "version").Output()
	require.NoError(t, err)
	assert.Contains(t, string(text), "  go        "+runtime.Version()+" "+runtime.GOOS+"/"+runtime.GOARCH)
	same, err := exec.Command(bin, "--version").Output()
	require.NoError(t, err)
	assert.Equal(t, string(text), string(same))

	raw, err := exec.Command(bin, "version", "--output", "json").Output()
	require.NoError(t, err)
	var v buildVersion
	require.NoError(t, json.Unmarshal(raw, &v))
	assert.True(t, strings.HasPrefix(string(text), "imagesync "+v.Version+"\n"), string(text))
	assert.Regexp(t, `^(\(devel\)|v\d+\.\d+\.\d+\S*)$`, v.Version, "(devel), or the version Go derives from the VCS")

	// Go stamps VCS data only where .git is a directory (not in a git
	// worktree, whose .git is a file).
	top, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		t.Skip("not in a git checkout: no revision to compare")
	}
	if st, err := os.Stat(filepath.Join(strings.TrimSpace(string(top)), ".git")); err != nil || !st.IsDir() {
		t.Skip("a git worktree: Go does not stamp VCS data there")
	}
	head, err := exec.Command("git", "rev-parse", "HEAD").Output()
	require.NoError(t, err)
	assert.Equal(t, strings.TrimSpace(string(head)), v.Revision)
	assert.NotEmpty(t, v.Time)
	assert.Contains(t, v.Version, v.Revision[:12], "a pseudo-version of the commit")
	assert.Contains(t, string(text), "  revision  "+v.Revision)
}

package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestServeListsEveryConfigProblem: the built binary, started on a file
// with an unknown key, a value of the wrong type, a value that breaks a
// rule and a CIDR that is not one, exits 2 and lists all four in one go,
// each line naming the file and the path.
func TestServeListsEveryConfigProblem(t *testing.T) {
	path := filepath.Join(t.TempDir(), "imagesync.yaml")
	require.NoError(t, os.WriteFile(path, []byte(`registyr: {}
history: many
registry: {jobs: 99}
policy: {allowHosts: ["10.0.0.0/33"]}
`), 0o600))
	cmd := exec.Command(buildBinary(t), "serve", "--addr", "127.0.0.1:0", "--config", path)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	require.True(t, errors.As(err, &exit), "%v: %s", err, out)
	assert.Equal(t, 2, exit.ExitCode())
	for _, want := range []string{
		path + ": registyr: unknown key",
		path + ": history: must be a whole number",
		path + ": registry.jobs: must be between 1 and 64",
		path + ": policy.allowHosts[0]: not a CIDR",
	} {
		assert.Contains(t, string(out), "\n  "+want, string(out))
	}
	assert.Contains(t, string(out), "config: 4 problems\n")
}

package main

import (
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/functions/platform/platformtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestServeFindsItsConfig runs the built binary with no --config: the
// document in IMAGESYNC_CONFIG_YAML is honoured, so is imagesync.yaml
// beside the executable, and with both the environment wins (the lookup
// order) and the log says which was ignored.
func TestServeFindsItsConfig(t *testing.T) {
	bin := buildBinary(t)
	beside := filepath.Join(filepath.Dir(bin), "imagesync.yaml")
	require.NoError(t, os.WriteFile(beside, []byte("history: 3\n"), 0o600))
	cases := []struct {
		name, env, want string
		ignored         bool
	}{
		{"code root", "", beside, false},
		{"env over code root", "IMAGESYNC_CONFIG_YAML=history: 4\n", "env", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			addr := registrytest.FreeAddr(t)
			cmd := exec.Command(bin, "serve", "--addr", addr)
			cmd.Env = append(os.Environ(), "IMAGESYNC_CONFIG=", "IMAGESYNC_CONFIG_YAML=")
			if c.env != "" {
				cmd.Env = append(cmd.Env, c.env)
			}
			stderr := &platformtest.Output{}
			cmd.Stderr = stderr
			platformtest.Run(t, cmd)
			registrytest.WaitHTTP(t, "http://"+addr+"/healthz")
			assert.Equal(t, c.want, healthSource(t, "http://"+addr))
			assert.Equal(t, c.ignored, waitLog(stderr, beside), stderr.String())
		})
	}
}

func healthSource(t *testing.T, api string) string {
	t.Helper()
	res, err := http.Get(api + "/healthz")
	require.NoError(t, err)
	defer res.Body.Close()
	var out struct {
		Config struct{ Source, Digest string }
	}
	require.NoError(t, json.NewDecoder(res.Body).Decode(&out))
	assert.Regexp(t, `^sha256:[0-9a-f]{64}$`, out.Config.Digest)
	return out.Config.Source
}

// waitLog reports whether the start-up log names path as ignored, once
// the line that follows it ("serving") has come through the pipe.
func waitLog(stderr *platformtest.Output, path string) bool {
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if strings.Contains(stderr.String(), `"msg":"serving"`) {
			break
		}
	}
	var line struct {
		Ignored []string `json:"ignored"`
	}
	for _, l := range strings.Split(stderr.String(), "\n") {
		if json.Unmarshal([]byte(l), &line) == nil && len(line.Ignored) > 0 {
			return line.Ignored[0] == path
		}
	}
	return false
}

package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stateValue is an upload state left in a message: any _state value but
// the redacted one.
var stateValue = regexp.MustCompile(`_state=(?:[^R&"\s\\]|R[^E])`)

// interrupt starts cmd, waits until gate holds one of its requests (the
// copy is surely under way), sends SIGINT and returns the exit code and
// what the command wrote.
func interrupt(t *testing.T, cmd *exec.Cmd, gate *registrytest.GateProxy) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	require.NoError(t, cmd.Start())
	select {
	case <-gate.Held:
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("no upload reached the gate: %s", errOut.String())
	}
	require.NoError(t, cmd.Process.Signal(os.Interrupt))
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("the command did not end after SIGINT: %s", errOut.String())
	}
	return cmd.ProcessState.ExitCode(), out.String(), errOut.String()
}

// Ctrl-C in the middle of an upload (a docker-registry target, whose
// upload URLs carry a signed _state): the sync ends CANCELED, the process
// exits 130, no message shows the upload's state, and the target has no
// tag (before: exit 1, status FAILED, kind unavailable, and the upload
// URL with its _state in the error).
func TestInterruptSyncMidUpload(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.Distribution(t, "")
	registrytest.PushIndex(t, src+"/app:v1", 64<<10, 1, 1)
	gate := registrytest.NewGateProxyFor(t, dst, registrytest.UploadGate)
	bin := buildBinary(t)

	code, stdout, stderr := interrupt(t, exec.Command(bin, "sync", src+"/app:v1", gate.Host+"/app:v1", "--progress=false"), gate)
	assert.Equal(t, 130, code, stderr)
	var task core.Task
	require.NoError(t, json.Unmarshal([]byte(stdout), &task), stdout)
	assert.Equal(t, core.StatusCanceled, task.Status)
	assert.Contains(t, stderr, "imagesync: canceled: syncing "+src+"/app:v1")
	assert.Contains(t, stderr, "interrupted by SIGINT")
	assert.NotRegexp(t, stateValue, stdout+stderr, "an upload's state in a message")
	gate.Open()
	assert.Empty(t, registrytest.Digest(t, dst+"/app:v1"), "a canceled copy tags nothing")
}

// Ctrl-C while a tag set is copied one tag at a time, by sync and by once:
// the tag that finished is reported copied, the one under way canceled,
// the rest left; exit 130.
func TestInterruptTagSetSaysWhatFinished(t *testing.T) {
	src := registrytest.InMemory(t)
	for _, tag := range []string{"v1", "v2", "v3"} {
		registrytest.PushIndex(t, src+"/team/app:"+tag, 4<<10, 1, 1) // two blobs each
	}
	bin := buildBinary(t)
	for _, tc := range []struct {
		name string
		args func(target string) []string
	}{
		{"sync", func(target string) []string {
			return []string{"sync", src + "/team/app", target + "/mirror/app", "--all-tags", "--concurrency", "1", "--progress=false"}
		}},
		{"once", func(target string) []string {
			config := filepath.Join(t.TempDir(), "imagesync.yaml")
			require.NoError(t, os.WriteFile(config, []byte("jobs:\n  - name: mirror\n    sources: [\""+src+"/team/app\"]\n"+
				"    targets: [{image: \""+target+"/mirror/app:${tag}\"}]\n"), 0o600))
			return []string{"once", "--config", config, "--concurrency", "1"}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dst := registrytest.InMemory(t)
			var uploads atomic.Int32
			gate := registrytest.NewGateProxyFor(t, dst, func(r *http.Request) bool {
				return registrytest.UploadGate(r) && uploads.Add(1) > 2 // the first tag's two blobs pass
			})
			code, stdout, stderr := interrupt(t, exec.Command(bin, tc.args(gate.Host)...), gate)
			assert.Equal(t, 130, code, stderr)
			var jo core.JobOutcome
			if tc.name == "once" {
				var tick core.TickOutcome
				require.NoError(t, json.Unmarshal([]byte(stdout), &tick), stdout)
				require.Len(t, tick.Jobs, 1)
				jo = tick.Jobs[0]
			} else {
				require.NoError(t, json.Unmarshal([]byte(stdout), &jo), stdout)
			}
			assert.Equal(t, 1, jo.Copied)
			assert.Len(t, jo.Canceled, 1)
			assert.Empty(t, jo.Failed)
			assert.Equal(t, 1, jo.Remaining)
			assert.Contains(t, stderr, "copied 1, skipped 0, failed 0, canceled 1, left 1")
			assert.Contains(t, stderr, "interrupted by SIGINT")
			gate.Open()
			tagged := 0
			for _, tag := range []string{"v1", "v2", "v3"} {
				if registrytest.Digest(t, dst+"/mirror/app:"+tag) != "" {
					tagged++
				}
			}
			assert.Equal(t, 1, tagged, "only the finished tag is in place")
			assert.False(t, strings.Contains(stderr, "FAILED"), stderr)
		})
	}
}

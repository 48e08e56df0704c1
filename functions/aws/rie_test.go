package main

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/functions/platform/platformtest"
	"github.com/stretchr/testify/require"
)

// rieBinary finds the AWS Lambda Runtime Interface Emulator that make test
// installs (go install ...aws-lambda-rie): on PATH or in GOPATH/bin.
// Without it the test is skipped, unless CI is set, when it fails.
func rieBinary(t testing.TB) string {
	t.Helper()
	if p, err := exec.LookPath("aws-lambda-rie"); err == nil {
		return p
	}
	out, err := exec.Command("go", "env", "GOPATH").Output()
	if err == nil {
		p := filepath.Join(string(bytes.TrimSpace(out)), "bin", "aws-lambda-rie")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("aws-lambda-rie is missing: run make test, which installs it")
	}
	t.Skip("aws-lambda-rie is missing (make test installs it)")
	return ""
}

// RIE is the AWS Lambda Runtime Interface Emulator running a function
// unpacked in a directory, as Lambda runs /var/task/bootstrap.
type RIE struct {
	url    string
	Output *platformtest.Output // the emulator's and the function's logs
}

// startRIE runs the emulator on free loopback ports with the bootstrap of
// dir, its working directory, until the test ends. env is added to the
// process's environment, which the emulator hands on to the function.
func startRIE(t testing.TB, dir string, env ...string) *RIE {
	t.Helper()
	addr, api := registrytest.FreeAddr(t), registrytest.FreeAddr(t)
	cmd := exec.Command(rieBinary(t), "--runtime-interface-emulator-address", addr,
		"--runtime-api-address", api, filepath.Join(dir, "bootstrap"))
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "IMAGESYNC_CONFIG=", "IMAGESYNC_CONFIG_YAML=", "AWS_LAMBDA_FUNCTION_TIMEOUT=120"), env...)
	r := &RIE{url: "http://" + addr + "/2015-03-31/functions/function/invocations", Output: &platformtest.Output{}}
	cmd.Stdout, cmd.Stderr = r.Output, r.Output
	platformtest.Run(t, cmd)
	deadline := time.Now().Add(20 * time.Second)
	for {
		c, err := net.Dial("tcp", addr)
		if err == nil {
			c.Close()
			return r
		}
		require.True(t, time.Now().Before(deadline), "the emulator did not listen within 20s: %s", r.Output)
		time.Sleep(50 * time.Millisecond)
	}
}

// Invoke invokes the function with payload, as Lambda's Invoke API does,
// and returns its result.
func (r *RIE) Invoke(t testing.TB, payload string) []byte {
	t.Helper()
	res, err := http.Post(r.url, "application/json", bytes.NewReader([]byte(payload)))
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, res.StatusCode, "%s\n%s", b, r.Output)
	return b
}

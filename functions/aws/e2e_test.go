package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	awsevents "github.com/aws/aws-lambda-go/events"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	buildOnce sync.Once
	buildDir  string
	buildErr  error
)

// bootstrap builds the function the way the Makefile does, for the host's
// architecture, once per test binary.
func bootstrap(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		buildDir, buildErr = os.MkdirTemp("", "imagesync-aws-")
		if buildErr != nil {
			return
		}
		cmd := exec.Command("go", "build", "-tags", "lambda.norpc", "-trimpath", "-ldflags", "-s -w",
			"-o", filepath.Join(buildDir, "bootstrap"), ".")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOARCH="+runtime.GOARCH)
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("%v: %s", err, out)
		}
	})
	require.NoError(t, buildErr)
	return filepath.Join(buildDir, "bootstrap")
}

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		_ = os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// startFunction runs the built bootstrap against rt, as Lambda would.
func startFunction(t testing.TB, bin string, rt *fakeRuntime) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin)
	cmd.Env = append(os.Environ(), "AWS_LAMBDA_RUNTIME_API="+rt.Addr(), "IMAGESYNC_LOG_LEVEL=warn",
		"IMAGESYNC_AUTH_MODE=none") // the Function URL (aws_iam) authenticates callers
	cmd.Stderr = os.Stderr
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return cmd
}

func functionURL(method, path, body string) string {
	e := awsevents.LambdaFunctionURLRequest{Version: "2.0", RawPath: path, Body: body,
		Headers: map[string]string{"content-type": "application/json"},
		RequestContext: awsevents.LambdaFunctionURLRequestContext{DomainName: "abc.lambda-url.us-east-1.on.aws",
			HTTP: awsevents.LambdaFunctionURLRequestContextHTTPDescription{Method: method, Path: path, SourceIP: "10.0.0.1"}}}
	b, _ := json.Marshal(e)
	return string(b)
}

// TestBootstrapEndToEnd runs the built binary against the runtime stand-in:
// a Function URL request syncs a real image between two registries.
func TestBootstrapEndToEnd(t *testing.T) {
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	digest := registrytest.PushIndex(t, src+"/team/app:v1", 4096, 2, 2)
	rt := newFakeRuntime(t)
	startFunction(t, bootstrap(t), rt)

	res := rt.Invoke(t, "health-1", functionURL("GET", "/healthz", ""))
	require.Equal(t, "response", res.kind, string(res.body))
	var out awsevents.LambdaFunctionURLResponse
	require.NoError(t, json.Unmarshal(res.body, &out))
	assert.Equal(t, 200, out.StatusCode, out.Body)

	body := fmt.Sprintf(`{"source":{"image":"%s/team/app:v1"},"target":{"image":"%s/mirror/app:v1"}}`, src, dst)
	res = rt.Invoke(t, "sync-1", functionURL("POST", "/v1/syncs", body))
	require.Equal(t, "response", res.kind, string(res.body))
	require.NoError(t, json.Unmarshal(res.body, &out))
	require.Equal(t, 200, out.StatusCode, out.Body)
	assert.Contains(t, out.Body, digest)
	assert.Equal(t, "sync-1", out.Headers["X-Request-Id"], "the Lambda request id names the request")
	assert.Equal(t, digest, registrytest.Digest(t, dst+"/mirror/app:v1"))
}

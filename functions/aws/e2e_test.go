package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"runtime"
	"testing"

	awsevents "github.com/aws/aws-lambda-go/events"
	"github.com/imagesync/imagesync/functions/platform/platformtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bootstrap is the function built the way the Makefile does, for the
// host's architecture.
var bootstrap = platformtest.Binary{Name: "bootstrap", Flags: []string{"-tags", "lambda.norpc"},
	Env: []string{"GOARCH=" + runtime.GOARCH}}

func TestMain(m *testing.M) { platformtest.Main(m, &bootstrap) }

// command runs the built bootstrap against rt, as Lambda would.
func command(bin string, rt *platformtest.Runtime) *exec.Cmd {
	return platformtest.Command(bin, nil, "AWS_LAMBDA_RUNTIME_API="+rt.Addr(), "IMAGESYNC_LOG_LEVEL=warn",
		"IMAGESYNC_AUTH_MODE=none") // the Function URL (aws_iam) authenticates callers
}

// startFunction starts the built bootstrap against rt until the test ends.
func startFunction(t testing.TB, rt *platformtest.Runtime) {
	t.Helper()
	cmd := command(bootstrap.Path(t), rt)
	cmd.Stderr = os.Stderr
	platformtest.Run(t, cmd)
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
	sync := platformtest.NewSync(t)
	rt := newFakeRuntime(t)
	startFunction(t, rt)

	res := rt.Invoke(t, "health-1", functionURL("GET", "/healthz", ""))
	require.Equal(t, "response", res.Kind, string(res.Body))
	var out awsevents.LambdaFunctionURLResponse
	require.NoError(t, json.Unmarshal(res.Body, &out))
	assert.Equal(t, 200, out.StatusCode, out.Body)

	res = rt.Invoke(t, "sync-1", functionURL("POST", "/v1/syncs", sync.Body))
	require.Equal(t, "response", res.Kind, string(res.Body))
	require.NoError(t, json.Unmarshal(res.Body, &out))
	require.Equal(t, 200, out.StatusCode, out.Body)
	assert.Contains(t, out.Body, sync.Digest)
	assert.Equal(t, "sync-1", out.Headers["X-Request-Id"], "the Lambda request id names the request")
	assert.Equal(t, sync.Digest, sync.Copied(t))
}

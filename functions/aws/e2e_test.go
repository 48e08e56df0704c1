package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"testing"

	awsevents "github.com/aws/aws-lambda-go/events"
	"github.com/imagesync/imagesync/functions/platform/platformtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	// deploy is the registries the artifact's configuration names.
	deploy = platformtest.NewDeploy()
	// artifact is build/aws/imagesync-aws.zip as make build-aws
	// CONFIG=... GOARCH=<host> makes it, unpacked.
	artifact = platformtest.Artifact{Target: "build-aws", Zip: "aws/imagesync-aws.zip", Config: deploy.Config()}
	// bootstrap is the artifact's binary alone, for tests that hand their
	// own configuration.
	bootstrap = platformtest.Binary{Artifact: &artifact, Name: "bootstrap"}
)

func TestMain(m *testing.M) { platformtest.Main(m, &bootstrap, &artifact) }

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

package imagesync

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/functions/platform/platformtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	// deploy is the registries the staged source's configuration names.
	deploy = platformtest.NewDeploy()
	// source is build/gcp/imagesync-gcp-source.zip as make build-gcp
	// CONFIG=... makes it: the tree deploy.sh uploads.
	source = platformtest.Artifact{Target: "build-gcp", Zip: "gcp/imagesync-gcp-source.zip", Config: deploy.Config()}
)

func TestMain(m *testing.M) { platformtest.Main(m, &source) }

// buildpackMain is the main package Google's Go functions buildpack
// writes for a function declared with functions.HTTP (its declarative
// template): it imports the function's package and starts the Functions
// Framework on $PORT.
const buildpackMain = `// Binary main file implements an HTTP server that loads and runs user's code
// on incoming HTTP requests.
package main

import (
	"log"
	"net/http"
	"os"

	_ "github.com/imagesync/imagesync"

	"github.com/GoogleCloudPlatform/functions-framework-go/funcframework"
)

func main() {
	http.HandleFunc("/robots.txt", http.NotFound)
	http.HandleFunc("/favicon.ico", http.NotFound)

	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	if err := funcframework.Start(port); err != nil {
		log.Fatalf("Function failed to start: %v\n", err)
	}
}
`

// buildpack does what the Go functions buildpack does with the uploaded
// source: it moves it into /workspace/serverless_function_source_code,
// writes the main package into functions.local/app there, tidies the
// module and builds it (offline here: the module cache holds every
// requirement). It returns the workspace and the binary.
func buildpack(t *testing.T, zip string) (workspace, bin string) {
	t.Helper()
	workspace = t.TempDir()
	src := filepath.Join(workspace, "serverless_function_source_code")
	require.NoError(t, platformtest.Unzip(zip, src))
	app := filepath.Join(src, "functions.local", "app")
	require.NoError(t, os.MkdirAll(app, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(app, "main.go"), []byte(buildpackMain), 0o644))
	bin = filepath.Join(t.TempDir(), "main") // the buildpack's output lives in a layer, not the workspace
	for _, args := range [][]string{{"mod", "tidy"}, {"build", "-trimpath", "-o", bin, "./functions.local/app"}} {
		cmd := exec.Command("go", args...)
		cmd.Dir = src
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOPROXY=off", "CGO_ENABLED=0")
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "go %v: %s", args, out)
	}
	return workspace, bin
}

// TestDeployedSource runs the staged source as Cloud Functions does: made
// by make build-gcp CONFIG=..., built the way the Go functions buildpack
// builds it, started from /workspace (its working directory) with
// FUNCTION_TARGET=imagesync and no IMAGESYNC_CONFIG. It finds the bundled
// configuration in serverless_function_source_code, turns a docker-registry
// push notification posted to the HTTP function into a copy, and turns
// Cloud Scheduler's tick into runs of exactly the due jobs.
func TestDeployedSource(t *testing.T) {
	n := deploy.Start(t)
	workspace, bin := buildpack(t, source.ZipPath(t))
	_, port, err := net.SplitHostPort(registrytest.FreeAddr(t))
	require.NoError(t, err)
	cmd := exec.Command(bin)
	cmd.Dir = workspace
	cmd.Env = []string{"PATH=/usr/bin:/bin", "HOME=" + t.TempDir(), "PORT=" + port, "FUNCTION_TARGET=imagesync",
		"K_SERVICE=imagesync", "IMAGESYNC_LOG_LEVEL=warn"}
	stderr := &platformtest.Output{}
	cmd.Stderr = stderr
	platformtest.Run(t, cmd)
	api := "http://127.0.0.1:" + port
	registrytest.WaitHTTP(t, api+"/healthz")
	status, body := call(t, "GET", api+"/healthz", "", nil)
	require.Equal(t, 200, status, body)
	assert.Contains(t, body, fmt.Sprintf(`"source": %q`, filepath.Join(workspace, "serverless_function_source_code", "imagesync.yaml")), stderr.String())

	t.Run("push notification through the HTTP function", func(t *testing.T) {
		digest, notification := deploy.Push(t, n, "team/app:v1")
		status, body := call(t, "POST", api+"/v1/events", notification, map[string]string{"Content-Type": platformtest.NotificationType})
		require.Equal(t, 200, status, body)
		assert.Equal(t, digest, deploy.At(t, "mirror/team/app:v1"))
	})

	t.Run("Cloud Scheduler runs the due jobs", func(t *testing.T) {
		due, later := deploy.PushJob(t, "due"), deploy.PushJob(t, "later")
		scheduler := func(at string) map[string]string {
			return map[string]string{"Content-Type": "application/json", "User-Agent": "Google-Cloud-Scheduler",
				"X-CloudScheduler": "true", "X-CloudScheduler-JobName": "imagesync-tick", "X-CloudScheduler-ScheduleTime": at}
		}
		status, body := call(t, "POST", api+"/v1/events", `{}`, scheduler("2026-12-08T03:00:00Z"))
		require.Equal(t, 200, status, body)
		assert.Equal(t, due, deploy.At(t, "jobs/due:v1"), "due at 03:00: copied")
		assert.Empty(t, deploy.At(t, "jobs/later:v1"), "due at 04:30: not yet")

		status, body = call(t, "POST", api+"/v1/events", `{"jobs":["later"]}`, scheduler("2026-12-08T03:01:00Z"))
		require.Equal(t, 200, status, body)
		assert.Equal(t, later, deploy.At(t, "jobs/later:v1"), "a tick naming a job runs it")
	})
}

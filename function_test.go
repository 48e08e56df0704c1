package imagesync

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/GoogleCloudPlatform/functions-framework-go/funcframework"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// serve starts the Functions Framework's own server for one registered
// function, as Cloud Functions does (FUNCTION_TARGET picks it), on a free
// loopback port. The server cannot be stopped; it lives as long as the test
// binary.
func serve(t *testing.T, target string) string {
	t.Helper()
	host, port, err := net.SplitHostPort(registrytest.FreeAddr(t))
	require.NoError(t, err)
	require.NoError(t, os.Setenv("FUNCTION_TARGET", target))
	// Cloud Functions' IAM check (no unauthenticated invocations) authenticates callers.
	require.NoError(t, os.Setenv("IMAGESYNC_AUTH_MODE", "none"))
	go func() { _ = funcframework.StartHostPort(host, port) }()
	url := "http://" + net.JoinHostPort(host, port)
	registrytest.WaitHTTP(t, url+"/") // answered once the framework has read FUNCTION_TARGET
	require.NoError(t, os.Unsetenv("FUNCTION_TARGET"))
	return url
}

func call(t *testing.T, method, url, body string, headers map[string]string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	require.NoError(t, err)
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// TestHTTPFunction serves the registered "imagesync" function through the
// framework and syncs a real image with it.
func TestHTTPFunction(t *testing.T) {
	api := serve(t, "imagesync")
	status, body := call(t, "GET", api+"/healthz", "", nil)
	require.Equal(t, 200, status, body)
	assert.Contains(t, body, `"registry"`)

	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	digest := registrytest.PushIndex(t, src+"/team/app:v1", 2048, 1, 2)
	req := fmt.Sprintf(`{"source":{"image":"%s/team/app:v1"},"target":{"image":"%s/team/app:v1"}}`, src, dst)
	status, body = call(t, "POST", api+"/v1/syncs", req, map[string]string{"Content-Type": "application/json"})
	require.Equal(t, 200, status, body)
	assert.Equal(t, digest, registrytest.Digest(t, dst+"/team/app:v1"))
}

// TestCloudEventFunction posts the Eventarc delivery of an Artifact Registry
// push (a Pub/Sub messagePublished CloudEvent in binary mode) to the
// registered "imagesyncEvents" function through the framework.
func TestCloudEventFunction(t *testing.T) {
	api := serve(t, "imagesyncEvents")
	var ce struct {
		Data json.RawMessage `json:"data"`
	}
	raw, err := os.ReadFile(filepath.Join("functions", "gcp", "testdata", "gar-cloudevent.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &ce))
	headers := map[string]string{"Content-Type": "application/json", "Ce-Specversion": "1.0",
		"Ce-Type": "google.cloud.pubsub.topic.v1.messagePublished", "Ce-Id": "2070443601311540",
		"Ce-Source": "//pubsub.googleapis.com/projects/my-project/topics/gcr"}
	status, body := call(t, "POST", api+"/", string(ce.Data), headers)
	assert.True(t, status >= 200 && status < 300, "status %d: %s", status, body)

	status, body = call(t, "POST", api+"/", `{"not":"a push"}`, headers)
	assert.True(t, status >= 200 && status < 300, "a poison event is acknowledged: %d %s", status, body)
}

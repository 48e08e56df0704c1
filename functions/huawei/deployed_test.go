package main

import (
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/adapters/swr/swrtest"
	"github.com/imagesync/imagesync/functions/platform/platformtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// startBootstrap runs the bootstrap of an unpacked zip as FunctionGraph
// does, with its code directory, no Huawei keys (the agency's come with
// each invocation) and the SWR API at the emulator; its stderr is returned.
func startBootstrap(t *testing.T, dir string, env ...string) *platformtest.Output {
	t.Helper()
	cmd := exec.Command(filepath.Join(dir, "bootstrap"))
	cmd.Env = append([]string{"PATH=/usr/bin:/bin", "HOME=" + t.TempDir(), "RUNTIME_CODE_ROOT=" + dir}, env...)
	stderr := &platformtest.Output{}
	cmd.Stderr = stderr
	platformtest.Run(t, cmd)
	return stderr
}

func send(t *testing.T, method, url, body string, headers map[string]string) (int, string) {
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

// TestDeployedZips runs build/huawei's two zips as users deploy them: made
// by make build-huawei CONFIG=..., unpacked, each bootstrap started from
// its code directory with no IMAGESYNC_CONFIG and no Huawei keys. The HTTP
// function finds the bundled configuration, has the swr engine on (it
// reported {"engines":["registry"]}: no configuration reached it, and the
// swr engine refused to start without keys in the environment), signs SWR
// calls with the agency keys of each request, and turns a docker-registry
// push notification posted through APIG into a copy; the event function
// turns its timer into runs of exactly the due jobs.
func TestDeployedZips(t *testing.T) {
	n := deploy.Start(t)
	swr := swrtest.New(swrtest.Config{})
	t.Cleanup(swr.Close)
	swr.AddRepository("team", "app")
	swr.AddRemoteNamespace("cn-east-3", "team")
	addr := registrytest.FreeAddr(t)
	host, port, _ := strings.Cut(addr, ":")
	stderr := startBootstrap(t, httpZip.Dir(t), "HOST="+host, "PORT="+port, "IMAGESYNC_SWR_ENDPOINT="+swr.URL)
	api := "http://" + addr
	registrytest.WaitHTTP(t, api+"/healthz")
	code, body := send(t, "GET", api+"/healthz", "", nil)
	require.Equal(t, 200, code, body)
	assert.Contains(t, body, `"swr"`, stderr.String())
	assert.Contains(t, body, `"source": "`+filepath.Join(httpZip.Dir(t), "imagesync.yaml")+`"`)

	t.Run("SWR signed with the request's agency keys", func(t *testing.T) {
		code, body := send(t, "POST", api+"/v1/syncs", `{"source":{"engine":"swr","region":"cn-north-4","namespace":"team","repository":"app","tag":"v1"},
			"target":{"engine":"swr","region":"cn-east-3","namespace":"team","repository":"app"}}`,
			map[string]string{"X-CFF-Security-Access-Key": swrtest.TestAK, "X-CFF-Security-Secret-Key": swrtest.TestSK,
				"X-CFF-Security-Token": "agency-token-not-to-be-logged"})
		require.Contains(t, []int{200, 202}, code, body)
		assert.NotContains(t, stderr.String(), "agency-token-not-to-be-logged")
		assert.NotContains(t, stderr.String(), swrtest.TestSK)
	})

	t.Run("push notification through APIG", func(t *testing.T) {
		digest, notification := deploy.Push(t, n, "team/app:v1")
		code, body := send(t, "POST", api+"/v1/events", notification, map[string]string{"Content-Type": platformtest.NotificationType})
		require.Equal(t, 200, code, body)
		assert.Equal(t, digest, deploy.At(t, "mirror/team/app:v1"))
	})

	t.Run("timer runs the due jobs", func(t *testing.T) {
		rt := newFakeRuntime(t)
		startBootstrap(t, eventsZip.Dir(t), "RUNTIME_API_ADDR="+rt.Addr(), "RUNTIME_TIMEOUT=60", "IMAGESYNC_SWR_ENDPOINT="+swr.URL)
		due, later := deploy.PushJob(t, "due"), deploy.PushJob(t, "later")
		// FunctionGraph's timer time is in the region's zone: 11:00 +08:00 is 03:00 UTC.
		r := rt.Invoke(t, "fg-tick", `{"version":"v1.0","time":"2026-12-08T11:00:00+08:00","trigger_type":"TIMER","trigger_name":"imagesync-tick","user_event":""}`)
		require.Equal(t, "response", r.Kind, string(r.Body))
		assert.Equal(t, due, deploy.At(t, "jobs/due:v1"), "due at 03:00: copied")
		assert.Empty(t, deploy.At(t, "jobs/later:v1"), "due at 04:30: not yet")

		r = rt.Invoke(t, "fg-named", `{"version":"v1.0","time":"2026-12-08T11:01:00+08:00","trigger_type":"TIMER","trigger_name":"imagesync-tick","user_event":"{\"jobs\":[\"later\"]}"}`)
		require.Equal(t, "response", r.Kind, string(r.Body))
		assert.Equal(t, later, deploy.At(t, "jobs/later:v1"), "a tick naming a job runs it")
	})
}

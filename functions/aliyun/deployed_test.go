package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"testing"

	fcevents "github.com/aliyun/fc-runtime-go-sdk/events"
	"github.com/imagesync/imagesync/functions/platform/platformtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// notificationEvent is the HTTP trigger event of a docker-registry
// notification posted to /v1/events.
func notificationEvent(body string) string {
	method, path := "POST", "/v1/events"
	e := fcevents.HTTPTriggerEvent{RawPath: &path, Body: &body,
		Headers: &map[string]string{"Content-Type": platformtest.NotificationType}}
	e.TriggerContext.Http.Method = &method
	b, _ := json.Marshal(e)
	return string(b)
}

// TestDeployedZip runs build/aliyun/imagesync-aliyun.zip as users deploy
// it: made by make build-aliyun CONFIG=..., unpacked, its main started
// from FC's code directory against the FC runtime stand-in with no
// IMAGESYNC_CONFIG. It finds the bundled configuration, turns a
// docker-registry's push notification posted to the HTTP trigger into a
// copy, and turns the timer trigger into runs of exactly the due jobs.
func TestDeployedZip(t *testing.T) {
	n := deploy.Start(t)
	dir := artifact.Dir(t)
	rt := newFakeRuntime(t, "STS.invocation", "sts-secret", "sts-token")
	cmd := exec.Command(filepath.Join(dir, "main"))
	cmd.Dir = dir
	cmd.Env = []string{"FC_RUNTIME_API=" + rt.Addr(), "FC_FUNC_CODE_PATH=" + dir, "FC_REGION=cn-hangzhou",
		"IMAGESYNC_LOG_LEVEL=warn", "HOME=" + t.TempDir()}
	stderr := &platformtest.Output{}
	cmd.Stderr = stderr
	platformtest.Run(t, cmd)

	out := answer(t, rt.Invoke(t, "fc-health", httpTrigger("GET", "/healthz", "")))
	assert.Contains(t, out.Body, `"source": "`+filepath.Join(dir, "imagesync.yaml")+`"`, stderr.String())

	t.Run("push notification through the HTTP trigger", func(t *testing.T) {
		digest, notification := deploy.Push(t, n, "team/app:v1")
		out := answer(t, rt.Invoke(t, "fc-push", notificationEvent(notification)))
		require.Equal(t, 200, out.StatusCode, out.Body)
		assert.Equal(t, digest, deploy.At(t, "mirror/team/app:v1"))
	})

	t.Run("timer runs the due jobs", func(t *testing.T) {
		due, later := deploy.PushJob(t, "due"), deploy.PushJob(t, "later")
		r := rt.Invoke(t, "fc-tick", `{"triggerTime":"2026-12-08T03:00:00Z","triggerName":"tick","payload":""}`)
		require.Equal(t, "response", r.Kind, string(r.Body))
		assert.Equal(t, due, deploy.At(t, "jobs/due:v1"), "due at 03:00: copied")
		assert.Empty(t, deploy.At(t, "jobs/later:v1"), "due at 04:30: not yet")

		r = rt.Invoke(t, "fc-named", `{"triggerTime":"2026-12-08T03:01:00Z","triggerName":"tick","payload":"{\"jobs\":[\"later\"]}"}`)
		require.Equal(t, "response", r.Kind, string(r.Body))
		assert.Equal(t, later, deploy.At(t, "jobs/later:v1"), "a tick naming a job runs it")
	})
}

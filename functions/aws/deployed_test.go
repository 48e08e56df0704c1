package main

import (
	"encoding/json"
	"testing"

	awsevents "github.com/aws/aws-lambda-go/events"
	"github.com/imagesync/imagesync/functions/platform/platformtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scheduledEvent is EventBridge's "Scheduled Event" of a rule at time,
// whose target input may be a detail naming jobs.
func scheduledEvent(time, detail string) string {
	return `{"version":"0","id":"53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa","detail-type":"Scheduled Event",` +
		`"source":"aws.events","account":"123456789012","time":"` + time + `","region":"eu-west-1",` +
		`"resources":["arn:aws:events:eu-west-1:123456789012:rule/imagesync-tick"],"detail":` + detail + `}`
}

// TestDeployedZip runs build/aws/imagesync-aws.zip as users deploy it:
// made by make build-aws CONFIG=..., unpacked, started by the real Lambda
// Runtime Interface Emulator with no IMAGESYNC_CONFIG. It finds the
// bundled configuration (GET /healthz says so), turns a docker-registry's
// push notification posted to the Function URL into a copy, and turns the
// EventBridge timer into runs of exactly the due jobs.
func TestDeployedZip(t *testing.T) {
	n := deploy.Start(t)
	rie := startRIE(t, artifact.Dir(t))

	var res awsevents.LambdaFunctionURLResponse
	require.NoError(t, json.Unmarshal(rie.Invoke(t, functionURL("GET", "/healthz", "")), &res))
	assert.Contains(t, res.Body, `"source": "`+artifact.Dir(t)+`/imagesync.yaml"`)

	t.Run("push notification through the Function URL", func(t *testing.T) {
		digest, notification := deploy.Push(t, n, "team/app:v1")
		payload := functionURL("POST", "/v1/events", notification)
		var e awsevents.LambdaFunctionURLRequest
		require.NoError(t, json.Unmarshal([]byte(payload), &e))
		e.Headers["content-type"] = platformtest.NotificationType
		b, _ := json.Marshal(e)
		require.NoError(t, json.Unmarshal(rie.Invoke(t, string(b)), &res))
		require.Equal(t, 200, res.StatusCode, res.Body)
		assert.Equal(t, digest, deploy.At(t, "mirror/team/app:v1"))
	})

	t.Run("timer runs the due jobs", func(t *testing.T) {
		due, later := deploy.PushJob(t, "due"), deploy.PushJob(t, "later")
		out := rie.Invoke(t, scheduledEvent("2026-12-08T03:00:02Z", "{}"))
		assert.Contains(t, string(out), `"name":"due"`)
		assert.Equal(t, due, deploy.At(t, "jobs/due:v1"), "due at 03:00: copied")
		assert.Empty(t, deploy.At(t, "jobs/later:v1"), "due at 04:30: not yet")

		rie.Invoke(t, scheduledEvent("2026-12-08T03:01:00Z", `{"jobs":["later"]}`))
		assert.Equal(t, later, deploy.At(t, "jobs/later:v1"), "a tick naming a job runs it")
	})
}

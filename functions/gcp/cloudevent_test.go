package gcp

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	cloudevents "github.com/cloudevents/sdk-go/v2"
	"github.com/imagesync/imagesync/functions/app"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCloudEventReachesAppEvent: the Artifact Registry push in a Pub/Sub
// CloudEvent is decoded by App.Event (the log line carries its outcome),
// and an undecodable event is acknowledged, not retried.
func TestCloudEventReachesAppEvent(t *testing.T) {
	var logs bytes.Buffer
	f := New(func() (*app.App, error) { return app.New(noenv, &logs) })
	raw, err := os.ReadFile(filepath.Join("testdata", "gar-cloudevent.json"))
	require.NoError(t, err)
	var e cloudevents.Event
	require.NoError(t, json.Unmarshal(raw, &e))

	require.NoError(t, f.CloudEvent(context.Background(), e))
	assert.Contains(t, logs.String(), `"repository":"my-project/my-repo/hello-world"`)
	assert.Contains(t, logs.String(), `"eventId":"2070443601311540"`)

	poison := cloudevents.NewEvent()
	poison.SetID("x-1")
	poison.SetSource("//pubsub.googleapis.com/projects/p/topics/gcr")
	poison.SetType("google.cloud.pubsub.topic.v1.messagePublished")
	require.NoError(t, poison.SetData("application/json", map[string]any{"message": map[string]string{"data": "!!"}}))
	require.NoError(t, f.CloudEvent(context.Background(), poison), "a poison event is acknowledged")
}

package events_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/imagesync/imagesync/events"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func read(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

type want struct {
	registry, repository, tag, digest string
}

// TestGolden decodes every vendor sample in testdata (see its README for
// where each comes from) through Detect and Decode.
func TestGolden(t *testing.T) {
	d := func(hex string) string { return "sha256:" + hex }
	cases := []struct {
		file, format string
		opts         events.Options
		pushes       []want
		ignored      int
		tickJobs     []string // nil with tick false: no tick
		tick         bool
	}{
		{file: "distribution-push.json", format: events.Distribution, ignored: 2,
			pushes: []want{{"registrycluster.local", "library/test", "", d("fea8895f450959fa676bcc1df0611ea93823a735a01205fd8622846041d0c7cf")}}},
		{file: "distribution-pull.json", format: events.Distribution, ignored: 1},
		{file: "harbor-push-default.json", format: events.Harbor,
			pushes: []want{{"hub.harbor.com", "test-webhook/debian", "latest", d("8a9e9863dbb6e10edb5adfe917c00da84e1700fa76e7ed02476aa6e6fb8ee0d8")}}},
		{file: "harbor-push-cloudevents.json", format: events.Harbor,
			pushes: []want{{"localhost", "harbor/alpine", "", d("954b378c375d852eb3c63ab88978f640b4348b01c1b3456a024a81536dafbbf4")}}},
		{file: "swr-ee-push.json", format: events.SWREE,
			pushes: []want{{"team-registry.swr.cn-north-4.myhuaweicloud.com", "team/web", "v2.3.0", d("8a9e9863dbb6e10edb5adfe917c00da84e1700fa76e7ed02476aa6e6fb8ee0d8")}}},
		{file: "acr-webhook-doc.json", format: events.ACR, ignored: 1}, // the documented sample's repoTest is not a valid (lowercase) name
		{file: "acr-webhook-captured.json", format: events.ACR, opts: events.Options{Host: "registry.cn-shenzhen.aliyuncs.com"},
			pushes: []want{{"registry.cn-shenzhen.aliyuncs.com", "yili-gun/web-admin", "dev1.0", d("427066c7811e54f2067b444face58f947723250017f2ff408d1851b77679c6f8")}}},
		{file: "acr-eventbridge-build.json", format: events.ACREventBridge, ignored: 1},
		{file: "acr-eventbridge-push.json", format: events.ACREventBridge,
			pushes: []want{{"team-registry-registry.cn-hangzhou.cr.aliyuncs.com", "scan/mix-vuls", "v1.4.2", d("8a9e9863dbb6e10edb5adfe917c00da84e1700fa76e7ed02476aa6e6fb8ee0d8")}}},
		{file: "swr-cts-push.json", format: events.SWRCTS,
			pushes: []want{{"swr.cn-north-4.myhuaweicloud.com", "team/web", "v2.3.0", ""}}},
		{file: "swr-cts-sample.json", format: events.SWRCTS, ignored: 1},
		// The documented ECR digest has 60 hex digits: it is dropped, the tag stays.
		{file: "ecr-push.json", format: events.ECR,
			pushes: []want{{"123456789012.dkr.ecr.us-west-2.amazonaws.com", "my-repository-name", "latest", ""}}},
		{file: "gar-raw.json", format: events.GAR, // the documented digest is elided ("..."): dropped
			pushes: []want{{"us-east1-docker.pkg.dev", "my-project/my-repo/hello-world", "1.1", ""}}},
		{file: "gar-pubsub-push.json", format: events.GAR,
			pushes: []want{{"us-east1-docker.pkg.dev", "my-project/my-repo/hello-world", "1.1", d("6ec128e26cd5" + "0000000000000000000000000000000000000000000000000000")}}},
		{file: "gar-cloudevent.json", format: events.GAR,
			pushes: []want{{"us-east1-docker.pkg.dev", "my-project/my-repo/hello-world", "1.1", d("6ec128e26cd5" + "0000000000000000000000000000000000000000000000000000")}}},
		{file: "aws-scheduled.json", format: events.AWSSchedule, tick: true},
		{file: "fc-timer.json", format: events.FCTimer, tick: true}, // free-text payload: all jobs,
		{file: "fc-timer-jobs.json", format: events.FCTimer, tick: true, tickJobs: []string{"nginx", "redis"}},
		{file: "fg-timer.json", format: events.FGTimer, tick: true},
		{file: "cloud-scheduler-pubsub.json", format: events.CloudScheduler, tick: true, tickJobs: []string{"nginx"}},
		{file: "cloud-scheduler-http.json", format: events.ManualTick, tick: true, tickJobs: []string{"nginx"}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			body := read(t, c.file)
			assert.Equal(t, c.format, events.Detect(body, nil))
			d, err := events.Decode(body, nil, c.opts)
			require.NoError(t, err)
			assert.Equal(t, c.format, d.Format)
			pushes, ignored, tick := d.Pushes, d.Ignored, d.Tick
			assert.Len(t, ignored, c.ignored, "%+v", ignored)
			require.Len(t, pushes, len(c.pushes))
			for i, w := range c.pushes {
				p := pushes[i]
				assert.Equal(t, w, want{p.Registry, p.Repository, p.Tag, p.Digest})
				assert.Equal(t, c.format, p.Source)
				assert.NotEmpty(t, p.EventID)
			}
			assert.Equal(t, c.tick, tick != nil)
			if tick != nil {
				assert.Equal(t, c.tickJobs, tick.Jobs)
			}
		})
	}
}

func TestGoldenTimes(t *testing.T) {
	d, err := events.Decode(read(t, "harbor-push-default.json"), nil, events.Options{})
	require.NoError(t, err)
	assert.Equal(t, time.Unix(1586922308, 0).UTC(), d.Pushes[0].Time)
	d, err = events.Decode(read(t, "acr-webhook-captured.json"), nil, events.Options{})
	require.NoError(t, err)
	assert.Equal(t, "", d.Pushes[0].Registry, "an ACR webhook names no host")
	assert.Equal(t, "cn-shenzhen", d.Pushes[0].Region)
	assert.Equal(t, time.Date(2020, 9, 17, 18, 24, 10, 0, time.UTC), d.Pushes[0].Time)
	d, err = events.Decode(read(t, "aws-scheduled.json"), nil, events.Options{})
	require.NoError(t, err)
	assert.Equal(t, time.Date(2016, 12, 30, 18, 44, 49, 0, time.UTC), d.Tick.Time)
}

package events_test

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/imagesync/imagesync/core"
	"github.com/imagesync/imagesync/events"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var digest = "sha256:" + strings.Repeat("b", 64)

func TestDistribution(t *testing.T) {
	ev := func(action, media, repo, tag string) string {
		return fmt.Sprintf(`{"id":"e","action":%q,"target":{"mediaType":%q,"digest":%q,"repository":%q,"tag":%q},"request":{"host":"reg.local:5000"}}`,
			action, media, digest, repo, tag)
	}
	body := `{"events":[` + strings.Join([]string{
		ev("push", "application/vnd.oci.image.index.v1+json", "team/app", "v1"),
		ev("push", "application/vnd.oci.image.layer.v1.tar+gzip", "team/app", ""),
		ev("delete", "", "team/app", ""),
		ev("mount", "application/vnd.oci.image.layer.v1.tar+gzip", "team/app", ""),
		ev("push", "application/vnd.oci.image.manifest.v1+json", "Team/App", "v1"),
		ev("push", "application/vnd.oci.image.manifest.v1+json; charset=utf-8", "team/web", "v2"),
	}, ",") + `]}`
	pushes, ignored, err := events.DecodeDistribution([]byte(body))
	require.NoError(t, err)
	require.Len(t, pushes, 2)
	assert.Equal(t, "team/web", pushes[1].Repository)
	assert.Equal(t, core.Push{Registry: "reg.local:5000", Repository: "team/app", Tag: "v1", Digest: digest,
		MediaType: "application/vnd.oci.image.index.v1+json", EventID: "e", Source: "distribution"}, pushes[0])
	require.Len(t, ignored, 4)
	assert.Contains(t, ignored[0].Reason, "blob")
	assert.Contains(t, ignored[1].Reason, "not a push")
	assert.Contains(t, ignored[3].Reason, "not a valid image name")

	_, err = events.Decode([]byte(body), nil, events.Options{Host: "registry.example.com"})
	require.NoError(t, err)
}

func TestEnvelopeLimit(t *testing.T) {
	one := `{"action":"pull","target":{}}`
	body := `{"events":[` + strings.Repeat(one+",", events.MaxEvents) + one + `]}`
	_, _, err := events.DecodeDistribution([]byte(body))
	assert.ErrorIs(t, err, core.ErrInvalid)
	var fe *events.FormatError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "distribution", fe.Format)
}

func TestHarborEdges(t *testing.T) {
	_, ignored, err := events.DecodeHarbor([]byte(`{"type":"PULL_ARTIFACT","event_data":{}}`))
	require.NoError(t, err)
	assert.Contains(t, ignored[0].Reason, "not an artifact push")
	_, ignored, err = events.DecodeHarbor([]byte(`{"specversion":"1.0","id":"x","type":"harbor.artifact.deleted","data":{}}`))
	require.NoError(t, err)
	assert.Equal(t, "x", ignored[0].EventID)
	_, _, err = events.DecodeHarbor([]byte(`{"type":"PUSH_ARTIFACT"}`))
	assert.ErrorIs(t, err, core.ErrInvalid)
	_, _, err = events.DecodeHarbor([]byte(`{"occur_at":1}`))
	assert.ErrorIs(t, err, core.ErrInvalid)
}

func TestECREdges(t *testing.T) {
	ev := func(action, result string) []byte {
		return []byte(fmt.Sprintf(`{"id":"i","detail-type":"ECR Image Action","source":"aws.ecr","account":"123456789012","region":"cn-north-1",
			"detail":{"result":%q,"repository-name":"app","image-digest":%q,"action-type":%q,"image-tag":"v1"}}`, result, digest, action))
	}
	pushes, _, err := events.DecodeECR(ev("PUSH", "SUCCESS"))
	require.NoError(t, err)
	assert.Equal(t, "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn", pushes[0].Registry)
	for _, b := range [][]byte{ev("PUSH", "FAILURE"), ev("DELETE", "SUCCESS")} {
		pushes, ignored, err := events.DecodeECR(b)
		require.NoError(t, err)
		assert.Empty(t, pushes)
		assert.Len(t, ignored, 1)
	}
	_, _, err = events.DecodeECR([]byte(`{"source":"aws.s3"}`))
	assert.ErrorIs(t, err, core.ErrInvalid)

	// The region is checked as AWS's: an Alibaba region id names no ECR
	// registry (the push keeps no host, as with a malformed account).
	for _, region := range []string{"cn-hangzhou", "us-east", "US-EAST-1"} {
		b := bytes.Replace(ev("PUSH", "SUCCESS"), []byte("cn-north-1"), []byte(region), 1)
		pushes, _, err := events.DecodeECR(b)
		require.NoError(t, err, region)
		require.Len(t, pushes, 1, region)
		assert.Empty(t, pushes[0].Registry, region)
	}
	for _, region := range []string{"us-east-1", "us-gov-west-1", "ap-southeast-5"} {
		b := bytes.Replace(ev("PUSH", "SUCCESS"), []byte("cn-north-1"), []byte(region), 1)
		pushes, _, err := events.DecodeECR(b)
		require.NoError(t, err, region)
		require.Len(t, pushes, 1, region)
		assert.Equal(t, "123456789012.dkr.ecr."+region+".amazonaws.com", pushes[0].Registry)
	}
}

func TestGAREdges(t *testing.T) {
	_, ignored, err := events.DecodeGAR([]byte(`{"action":"DELETE","tag":"us-docker.pkg.dev/p/r/i:1"}`))
	require.NoError(t, err)
	assert.Contains(t, ignored[0].Reason, "not a push")
	pushes, _, err := events.DecodeGAR([]byte(`{"action":"INSERT","digest":"us-docker.pkg.dev/p/r/i@` + digest + `"}`))
	require.NoError(t, err)
	assert.Equal(t, core.Push{Registry: "us-docker.pkg.dev", Repository: "p/r/i", Digest: digest, Source: "gar",
		EventID: "gar:us-docker.pkg.dev/p/r/i:@" + digest}, pushes[0])
	bad := `{"message":{"data":"%%%"}}`
	_, _, err = events.DecodeGAR([]byte(bad))
	assert.ErrorIs(t, err, core.ErrInvalid)
	wrapped := `{"message":{"data":"` + base64.StdEncoding.EncodeToString([]byte(`{"action":"INSERT","tag":"nohost"}`)) + `"}}`
	pushes, ignored, err = events.DecodeGAR([]byte(wrapped))
	require.NoError(t, err)
	assert.Empty(t, pushes)
	assert.Len(t, ignored, 1)
}

func TestSWRCTSEdges(t *testing.T) {
	trace := func(service, name, status, request string) []byte {
		return []byte(fmt.Sprintf(`{"cts":{"service_type":%q,"trace_name":%q,"trace_status":%q,"trace_id":"t","code":"201",
			"resource_name":"ns/repo","request":%s}}`, service, name, status, request))
	}
	pushes, _, err := events.DecodeSWRCTS(trace("SWR", "createImageTag", "normal", `{"namespace":"ns","repository":"a$b","tag":"v9"}`), "swr.cn-north-4.myhuaweicloud.com")
	require.NoError(t, err)
	assert.Equal(t, "ns/a/b", pushes[0].Repository)
	assert.Equal(t, "v9", pushes[0].Tag)
	for _, b := range [][]byte{trace("ECS", "createImageTag", "normal", "{}"), trace("SWR", "deleteImageTag", "normal", "{}"),
		trace("SWR", "createImageTag", "incident", "{}"), trace("SWR", "createImageTag", "normal", "{}")} {
		pushes, ignored, err := events.DecodeSWRCTS(b, "")
		require.NoError(t, err)
		assert.Empty(t, pushes)
		assert.Len(t, ignored, 1)
	}
}

func TestTicks(t *testing.T) {
	d, err := events.Decode([]byte(`{"source":"aws.events","detail-type":"Scheduled Event","detail":{"jobs":["a","b"]}}`), nil, events.Options{})
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "b"}, d.Tick.Jobs)
	_, err = events.Decode([]byte(`{"triggerName":"t","payload":"{\"jobs\":[\"Bad Name\"]}"}`), nil, events.Options{})
	assert.ErrorIs(t, err, core.ErrInvalid)
	h := map[string]string{"User-Agent": "Google-Cloud-Scheduler", "X-CloudScheduler-ScheduleTime": "2024-01-02T03:04:05Z"}
	d, err = events.Decode(nil, h, events.Options{})
	require.NoError(t, err)
	assert.Equal(t, "cloud-scheduler", d.Tick.Source)
	assert.Empty(t, d.Tick.Jobs)
	assert.Equal(t, 2024, d.Tick.Time.Year())
	many := `{"jobs":[` + strings.Repeat(`"a",`, events.MaxJobs) + `"a"]}`
	_, err = events.Decode([]byte(many), nil, events.Options{})
	assert.ErrorIs(t, err, core.ErrInvalid)
}

func TestDecodeRefuses(t *testing.T) {
	for _, body := range []string{"", "not json", "[]", "{}", `{"unknown":1}`, "null"} {
		_, err := events.Decode([]byte(body), nil, events.Options{})
		assert.ErrorIs(t, err, core.ErrInvalid, body)
	}
	_, err := events.Decode([]byte("{}"), nil, events.Options{Format: "nope"})
	var fe *events.FormatError
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "nope", fe.Format)
	d, err := events.Decode([]byte("not json"), nil, events.Options{Format: events.Harbor})
	require.ErrorAs(t, err, &fe)
	assert.Equal(t, "harbor", fe.Format)
	assert.Equal(t, events.Decoded{Format: events.Harbor}, d, "a failed decode names its format and holds nothing else")
	big := make([]byte, events.MaxBody+1)
	_, err = events.Decode(big, nil, events.Options{Format: events.ECR})
	assert.ErrorIs(t, err, core.ErrInvalid)
}

func TestDetectHeaders(t *testing.T) {
	assert.Equal(t, "distribution", events.Detect([]byte(`{}`), map[string]string{"content-type": "application/vnd.docker.distribution.events.v2+json"}))
	assert.Equal(t, "cloud-scheduler", events.Detect([]byte(`{}`), map[string]string{"X-CloudScheduler": "true"}))
	assert.Equal(t, "", events.Detect([]byte(`{"a":1}`), nil))
}

func TestACRPersonalHost(t *testing.T) {
	assert.Equal(t, "registry.cn-hangzhou.aliyuncs.com", events.ACRPersonalHost("cn-hangzhou"))
	assert.Equal(t, "", events.ACRPersonalHost("../x"))
}

package events

import (
	"strings"

	"github.com/imagesync/imagesync/core"
)

// DecodeCloudScheduler decodes the body of a Google Cloud Scheduler job:
// over HTTP the body is the job's own (empty, {"jobs": [...]} or a list of
// names); over Pub/Sub it is a push envelope whose data is that body.
// scheduleTime is the X-CloudScheduler-ScheduleTime header, if any.
func DecodeCloudScheduler(body []byte, scheduleTime string) (*core.Tick, error) {
	id, when := "", scheduleTime
	if len(body) > MaxBody {
		return nil, invalid(CloudScheduler, "body of %d bytes exceeds %d", len(body), MaxBody)
	}
	if strings.HasPrefix(strings.TrimSpace(string(body)), "{") {
		data, mid, pub, wrapped, err := unwrapPubSub(CloudScheduler, body)
		if err != nil {
			return nil, err
		}
		if wrapped {
			body, id, when = data, mid, pub
		}
	}
	jobs, err := jobsFrom(CloudScheduler, string(body))
	if err != nil {
		return nil, err
	}
	return &core.Tick{Time: parseTime(when), Jobs: jobs, Source: CloudScheduler, EventID: id}, nil
}

// DecodeTick decodes a bare {"jobs": [...]} body (a manual tick, or an
// EventBridge Scheduler target input).
func DecodeTick(body []byte) (*core.Tick, error) {
	var p struct {
		Jobs []string `json:"jobs"`
	}
	if err := unmarshal(ManualTick, body, &p); err != nil {
		return nil, err
	}
	jobs, err := checkJobs(ManualTick, p.Jobs)
	if err != nil {
		return nil, err
	}
	return &core.Tick{Jobs: jobs, Source: ManualTick}, nil
}

package events

import (
	"encoding/json"
	"regexp"
	"strings"
	"sync"

	"github.com/imagesync/imagesync/core"
)

// A tick may name the jobs to run in the payload the schedule carries, as
// JSON {"jobs": ["a", "b"]}. Any other payload (the platforms' samples
// carry free text such as "TestPayload") is not addressed to imagesync and
// means all jobs; a jobs list with an invalid name is refused.

// compiled on first use: bounded repetitions make a large program, which
// every process would otherwise pay for at start-up.
var jobName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,62}$`) })

func jobsFrom(format, payload string) ([]string, error) {
	payload = strings.TrimSpace(payload)
	var p struct {
		Jobs []string `json:"jobs"`
	}
	if !strings.HasPrefix(payload, "{") || json.Unmarshal([]byte(payload), &p) != nil {
		return nil, nil
	}
	return checkJobs(format, p.Jobs)
}

func checkJobs(format string, names []string) ([]string, error) {
	if len(names) > MaxJobs {
		return nil, invalid(format, "%d job names exceed the limit of %d", len(names), MaxJobs)
	}
	for _, n := range names {
		if !jobName().MatchString(n) {
			return nil, invalid(format, "job name %s is not a job name", quoted(n))
		}
	}
	return names, nil
}

// DecodeAWSSchedule decodes an AWS EventBridge "Scheduled Event"; its
// detail may name jobs ({"jobs": [...]}).
func DecodeAWSSchedule(body []byte) (*core.Tick, error) {
	var ev eventBridgeEvent
	if err := unmarshal(AWSSchedule, body, &ev); err != nil {
		return nil, err
	}
	if ev.Source != "aws.events" || ev.DetailType != "Scheduled Event" {
		return nil, invalid(AWSSchedule, "not an aws.events Scheduled Event")
	}
	jobs, err := checkJobs(AWSSchedule, ev.Detail.Jobs)
	if err != nil {
		return nil, err
	}
	return &core.Tick{Time: parseTime(ev.Time), Jobs: jobs, Source: AWSSchedule, EventID: ev.ID}, nil
}

// DecodeFCTimer decodes an Alibaba Function Compute timer trigger event
// {"triggerTime", "triggerName", "payload"}; payload may name jobs.
func DecodeFCTimer(body []byte) (*core.Tick, error) {
	var ev struct {
		TriggerTime string `json:"triggerTime"`
		TriggerName string `json:"triggerName"`
		Payload     string `json:"payload"`
	}
	if err := unmarshal(FCTimer, body, &ev); err != nil {
		return nil, err
	}
	if ev.TriggerName == "" && ev.TriggerTime == "" {
		return nil, invalid(FCTimer, "no triggerName or triggerTime")
	}
	jobs, err := jobsFrom(FCTimer, ev.Payload)
	if err != nil {
		return nil, err
	}
	return &core.Tick{Time: parseTime(ev.TriggerTime), Jobs: jobs, Source: FCTimer, EventID: ev.TriggerName + "@" + ev.TriggerTime}, nil
}

// DecodeFGTimer decodes a Huawei FunctionGraph timer trigger event
// {"version", "time", "trigger_type": "TIMER", "trigger_name",
// "user_event"}; user_event may name jobs.
func DecodeFGTimer(body []byte) (*core.Tick, error) {
	var ev struct {
		Time        string `json:"time"`
		TriggerType string `json:"trigger_type"`
		TriggerName string `json:"trigger_name"`
		UserEvent   string `json:"user_event"`
	}
	if err := unmarshal(FGTimer, body, &ev); err != nil {
		return nil, err
	}
	if ev.TriggerType != "TIMER" {
		return nil, invalid(FGTimer, "trigger_type %s is not TIMER", quoted(ev.TriggerType))
	}
	jobs, err := jobsFrom(FGTimer, ev.UserEvent)
	if err != nil {
		return nil, err
	}
	return &core.Tick{Time: parseTime(ev.Time), Jobs: jobs, Source: FGTimer, EventID: ev.TriggerName + "@" + ev.Time}, nil
}

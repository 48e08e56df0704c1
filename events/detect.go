package events

import (
	"bytes"
	"encoding/json"
	"strings"
)

// Detect names the format of a body (one of the source kind constants),
// from its headers and the shape of its JSON, or returns "" when it
// recognises none. Header names are matched case-insensitively.
func Detect(body []byte, headers map[string]string) string {
	h := lowerKeys(headers)
	if strings.Contains(h["content-type"], "application/vnd.docker.distribution.events") {
		return Distribution
	}
	if strings.HasPrefix(h["user-agent"], "Google-Cloud-Scheduler") || h["x-cloudscheduler"] != "" {
		return CloudScheduler
	}
	if len(body) > MaxBody {
		return ""
	}
	var top map[string]json.RawMessage
	if json.Unmarshal(body, &top) != nil {
		return ""
	}
	str := func(k string) string {
		var s string
		_ = json.Unmarshal(top[k], &s)
		return s
	}
	has := func(k string) bool { _, ok := top[k]; return ok }
	switch {
	case has("events"):
		return Distribution
	case has("push_data") && has("repository"):
		return ACR
	case has("cts"):
		return SWRCTS
	case str("source") == "aws.ecr":
		return ECR
	case str("source") == "aws.events" && str("detail-type") == "Scheduled Event":
		return AWSSchedule
	case str("source") == "acs.cr":
		return ACREventBridge
	case strings.HasPrefix(str("type"), "harbor."), has("event_data") && has("type"):
		if bytes.Contains(body, []byte("myhuaweicloud.")) {
			return SWREE
		}
		return Harbor
	case has("message"), str("type") == "google.cloud.pubsub.topic.v1.messagePublished":
		return detectPubSub(body)
	case has("action") && (has("digest") || has("tag")):
		return GAR
	case has("triggerTime") || has("triggerName"):
		return FCTimer
	case str("trigger_type") == "TIMER":
		return FGTimer
	case has("jobs") && len(top) == 1:
		return ManualTick
	}
	return ""
}

// detectPubSub tells a GAR notification from a Cloud Scheduler message by
// the data inside the Pub/Sub envelope.
func detectPubSub(body []byte) string {
	data, _, _, ok, err := unwrapPubSub("", body)
	if err != nil || !ok {
		return ""
	}
	var inner map[string]json.RawMessage
	if json.Unmarshal(data, &inner) == nil {
		if _, ok := inner["action"]; ok {
			return GAR
		}
	}
	return CloudScheduler
}

func lowerKeys(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[strings.ToLower(k)] = v
	}
	return out
}

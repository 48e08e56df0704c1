package events

import (
	"encoding/base64"
	"encoding/json"
)

// pubsubMessage is a Pub/Sub message as push subscriptions and Eventarc
// deliver it.
type pubsubMessage struct {
	Data        string            `json:"data"` // base64
	MessageID   string            `json:"messageId"`
	MessageID2  string            `json:"message_id"`
	PublishTime string            `json:"publishTime"`
	Attributes  map[string]string `json:"attributes"`
}

type pubsubEnvelope struct {
	Message      *pubsubMessage `json:"message"`
	Subscription string         `json:"subscription"`
}

// unwrapPubSub returns the data of a Pub/Sub push envelope
// {"message": {...}, "subscription": ...}, of an Eventarc
// google.cloud.pubsub.topic.v1.messagePublished CloudEvent whose data is
// such an envelope, or ok=false when body is neither.
func unwrapPubSub(format string, body []byte) (data []byte, id, when string, ok bool, err error) {
	var probe struct {
		pubsubEnvelope
		SpecVersion string          `json:"specversion"`
		Type        string          `json:"type"`
		CEData      json.RawMessage `json:"data"`
	}
	if err := unmarshal(format, body, &probe); err != nil {
		return nil, "", "", false, err
	}
	env := probe.pubsubEnvelope
	if probe.SpecVersion != "" && probe.Type == "google.cloud.pubsub.topic.v1.messagePublished" {
		if err := json.Unmarshal(probe.CEData, &env); err != nil {
			return nil, "", "", false, invalid(format, "messagePublished data is not a Pub/Sub envelope")
		}
	}
	if env.Message == nil {
		return nil, "", "", false, nil
	}
	m := env.Message
	data, derr := base64.StdEncoding.DecodeString(m.Data)
	if derr != nil {
		return nil, "", "", false, invalid(format, "message.data is not base64: %v", derr)
	}
	id = m.MessageID
	if id == "" {
		id = m.MessageID2
	}
	return data, id, m.PublishTime, true, nil
}

package events

import (
	"github.com/imagesync/imagesync/core"
)

type garMessage struct {
	Action string `json:"action"`
	Digest string `json:"digest"` // full reference: host/path@sha256:...
	Tag    string `json:"tag"`    // full reference: host/path:tag
}

// DecodeGAR decodes a Google Artifact Registry (or Container Registry)
// notification from the Pub/Sub topic "gcr": raw ({"action": "INSERT",
// "digest": ..., "tag": ...}), wrapped in a Pub/Sub push envelope, or in
// an Eventarc messagePublished CloudEvent. Only INSERT is a push; digest
// and tag are full image references, from which registry, repository, tag
// and digest are taken.
func DecodeGAR(body []byte) ([]core.Push, []Ignored, error) {
	data, id, when, wrapped, err := unwrapPubSub(GAR, body)
	if err != nil {
		return nil, nil, err
	}
	if !wrapped {
		data = body
	}
	var m garMessage
	if err := unmarshal(GAR, data, &m); err != nil {
		return nil, nil, err
	}
	var c collector
	if m.Action != "INSERT" {
		if m.Action == "" {
			return nil, nil, invalid(GAR, "no action")
		}
		c.ignore(id, "artifact registry "+quoted(m.Action)+" is not a push")
		return nil, c.ignored, nil
	}
	var p core.Push
	if ref, ok := splitRef(m.Digest); ok && ref.Digest != "" {
		p.Registry, p.Repository, p.Digest = ref.Registry, ref.Repository, ref.Digest
	}
	if ref, ok := splitRef(m.Tag); ok && ref.Tag != "" {
		if p.Repository == "" || (ref.Registry == p.Registry && ref.Repository == p.Repository) {
			p.Registry, p.Repository, p.Tag = ref.Registry, ref.Repository, ref.Tag
		}
	}
	if p.Repository == "" {
		c.ignore(id, "artifact registry INSERT names no valid image reference")
		return nil, c.ignored, nil
	}
	p.EventID, p.Time, p.Source = id, parseTime(when), GAR
	c.accept(p)
	return c.pushes, c.ignored, nil
}

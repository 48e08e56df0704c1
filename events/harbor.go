package events

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/imagesync/imagesync/core"
)

// harborData is Harbor's event_data (default format) or data (CloudEvents).
type harborData struct {
	Resources []struct {
		Digest      string `json:"digest"`
		Tag         string `json:"tag"`
		ResourceURL string `json:"resource_url"`
	} `json:"resources"`
	Repository struct {
		Name         string `json:"name"`
		Namespace    string `json:"namespace"`
		RepoFullName string `json:"repo_full_name"`
	} `json:"repository"`
}

type harborPayload struct {
	// default format
	Type      string      `json:"type"`
	OccurAt   json.Number `json:"occur_at"`
	EventData *harborData `json:"event_data"`
	// CloudEvents format
	SpecVersion string      `json:"specversion"`
	ID          string      `json:"id"`
	Time        string      `json:"time"`
	Data        *harborData `json:"data"`
}

// DecodeHarbor decodes a Harbor webhook in either payload format: the
// default one ({"type": "PUSH_ARTIFACT", "event_data": {...}}) or
// CloudEvents ({"specversion": "1.0", "type": "harbor.artifact.pushed",
// "data": {...}}). Every other event type is ignored. The registry host is
// the host of each resource's resource_url. Harbor reports a push by
// digest with the digest as its tag; such a push has no tag.
func DecodeHarbor(body []byte) ([]core.Push, []Ignored, error) {
	return decodeHarbor(Harbor, body)
}

// DecodeSWREE decodes a Huawei SWR Enterprise Edition webhook, whose
// payload is Harbor's default format (SWR EE is built on Harbor). Verify
// the request's auth header before trusting it.
func DecodeSWREE(body []byte) ([]core.Push, []Ignored, error) {
	return decodeHarbor(SWREE, body)
}

func decodeHarbor(source string, body []byte) ([]core.Push, []Ignored, error) {
	var p harborPayload
	if err := unmarshal(source, body, &p); err != nil {
		return nil, nil, err
	}
	data, when, id := p.EventData, time.Time{}, p.ID
	if n, err := p.OccurAt.Int64(); err == nil && n > 0 && n < 1<<40 {
		when = time.Unix(n, 0).UTC()
	}
	push := p.Type == "PUSH_ARTIFACT"
	if p.SpecVersion != "" {
		data, when, push = p.Data, parseTime(p.Time), p.Type == "harbor.artifact.pushed"
	}
	if p.Type == "" {
		return nil, nil, invalid(source, "no event type")
	}
	var c collector
	if !push {
		c.ignore(id, "harbor event "+quoted(p.Type)+" is not an artifact push")
		return nil, c.ignored, nil
	}
	if data == nil {
		return nil, nil, invalid(source, "push event without data")
	}
	if err := tooMany(source, len(data.Resources)); err != nil {
		return nil, nil, err
	}
	repo := data.Repository.RepoFullName
	if repo == "" && data.Repository.Namespace != "" {
		repo = data.Repository.Namespace + "/" + data.Repository.Name
	}
	for i, r := range data.Resources {
		eid := id
		if id != "" && len(data.Resources) > 1 {
			eid = id + "#" + strconv.Itoa(i)
		}
		host, _, _ := strings.Cut(r.ResourceURL, "/")
		if !strings.Contains(r.ResourceURL, "/") {
			host = ""
		}
		c.accept(core.Push{Registry: host, Repository: repo, Tag: r.Tag, Digest: r.Digest,
			EventID: eid, Time: when, Source: source})
	}
	if len(data.Resources) == 0 {
		c.ignore(id, "harbor push event lists no resources")
	}
	return c.pushes, c.ignored, nil
}

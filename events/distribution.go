package events

import (
	"strings"

	"github.com/imagesync/imagesync/core"
)

// manifestTypes are the media types of manifests and indexes: only their
// pushes are image pushes (a blob push is one layer of an upload).
var manifestTypes = map[string]bool{
	"application/vnd.docker.distribution.manifest.v2+json":      true,
	"application/vnd.docker.distribution.manifest.list.v2+json": true,
	"application/vnd.docker.distribution.manifest.v1+json":      true,
	"application/vnd.docker.distribution.manifest.v1+prettyjws": true,
	"application/vnd.oci.image.manifest.v1+json":                true,
	"application/vnd.oci.image.index.v1+json":                   true,
}

type distributionEnvelope struct {
	Events []struct {
		ID        string `json:"id"`
		Timestamp string `json:"timestamp"`
		Action    string `json:"action"`
		Target    struct {
			MediaType  string `json:"mediaType"`
			Digest     string `json:"digest"`
			Repository string `json:"repository"`
			Tag        string `json:"tag"`
		} `json:"target"`
		Request struct {
			Host string `json:"host"`
		} `json:"request"`
	} `json:"events"`
}

// DecodeDistribution decodes a CNCF distribution (docker registry v2)
// notification envelope {"events": [...]}. Only manifest pushes count;
// blob pushes and mounts, pulls and deletes are ignored with a reason. The
// registry host is the event's request.host: the host the client pushed
// to (override it with Options.Host when clients reach the registry under
// another name).
func DecodeDistribution(body []byte) ([]core.Push, []Ignored, error) {
	var env distributionEnvelope
	if err := unmarshal(Distribution, body, &env); err != nil {
		return nil, nil, err
	}
	if err := tooMany(Distribution, len(env.Events)); err != nil {
		return nil, nil, err
	}
	var c collector
	for _, ev := range env.Events {
		t := ev.Target
		media, _, _ := strings.Cut(t.MediaType, ";")
		t.MediaType = strings.TrimSpace(media)
		switch {
		case ev.Action != "push":
			c.ignore(ev.ID, "distribution "+quoted(ev.Action)+" event of "+t.Repository+" is not a push")
		case !manifestTypes[t.MediaType]:
			c.ignore(ev.ID, "push of a blob ("+quoted(t.MediaType)+") to "+t.Repository+" is not a manifest push")
		default:
			c.accept(core.Push{Registry: ev.Request.Host, Repository: t.Repository, Tag: t.Tag, Digest: t.Digest,
				MediaType: t.MediaType, EventID: ev.ID, Time: parseTime(ev.Timestamp), Source: Distribution})
		}
	}
	return c.pushes, c.ignored, nil
}

func quoted(s string) string {
	if s == "" {
		return "(none)"
	}
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return s
}

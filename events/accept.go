package events

import (
	"strings"

	"github.com/imagesync/imagesync/core"
)

// collector gathers the pushes and ignored entries of one payload.
type collector struct {
	pushes  []core.Push
	ignored []Ignored
}

func (c *collector) ignore(id, reason string) {
	c.ignored = append(c.ignored, Ignored{EventID: id, Reason: reason})
}

// accept checks a push and keeps it, or records why it is ignored. An
// invalid digest or tag is dropped; a push left with neither is ignored.
func (c *collector) accept(p core.Push) {
	p.Registry = strings.TrimSpace(p.Registry)
	p.Repository = strings.Trim(strings.TrimSpace(p.Repository), "/")
	if p.Digest != "" && core.CheckDigest(p.Digest) != "" {
		p.Digest = ""
	}
	if p.Tag == p.Digest || (p.Tag != "" && core.CheckTag(p.Tag) != "") {
		p.Tag = "" // Harbor reports a push by digest with the digest as its tag
	}
	if reason := checkRepository(p.Registry, p.Repository); reason != "" {
		c.ignore(p.EventID, reason)
		return
	}
	if p.Tag == "" && p.Digest == "" {
		c.ignore(p.EventID, "push of "+p.Repository+" names no valid tag or digest")
		return
	}
	if p.EventID == "" { // a stable id, so that a redelivery is recognised
		p.EventID = p.Source + ":" + p.Registry + "/" + p.Repository + ":" + p.Tag + "@" + p.Digest
	}
	c.pushes = append(c.pushes, p)
}

func checkRepository(registry, repo string) string {
	if repo == "" {
		return "push names no repository"
	}
	host := registry
	if host == "" {
		host = "registry.invalid"
	}
	ref, reason := core.ParseReference(host + "/" + repo)
	switch {
	case reason != "":
		return "push of " + registry + "/" + repo + " is not a valid image name: " + reason
	case ref.Registry != host || ref.Repository != repo || ref.Tag != "" || ref.Digest != "":
		return "push of " + registry + "/" + repo + " is not a valid image name"
	}
	return ""
}

// splitRef splits a full reference "host/path:tag" or "host/path@digest"
// into its parts; ok is false when it is not one.
func splitRef(s string) (core.Reference, bool) {
	ref, reason := core.ParseReference(s)
	return ref, reason == "" && strings.HasPrefix(s, ref.Registry+"/")
}

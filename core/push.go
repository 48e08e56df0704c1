package core

import "time"

// Push is one image pushed to a registry, as a decoder in package events
// reports it. Repository never holds the registry host; Tag and Digest are
// bare (no repository, no '@'). An accepted push always has a Repository
// and a Tag or a Digest (or both).
type Push struct {
	Registry   string    `json:"registry"`            // host[:port]; empty when the payload names none (ACR webhook)
	Repository string    `json:"repository"`          // path without the registry host, e.g. team/app
	Tag        string    `json:"tag,omitempty"`       // bare tag, e.g. v1.2.3
	Digest     string    `json:"digest,omitempty"`    // sha256:<hex>
	MediaType  string    `json:"mediaType,omitempty"` // manifest media type when the payload gives it
	EventID    string    `json:"eventId,omitempty"`   // the provider's event id (or a stable id derived from the content)
	Time       time.Time `json:"time,omitzero"`       // when the push happened, if known
	Source     string    `json:"source"`              // decoder kind: distribution, harbor, acr, acr-eventbridge, swr-ee, swr-cts, ecr, gar
	Region     string    `json:"region,omitempty"`    // cloud region of the registry, when the payload gives it
	Instance   string    `json:"instance,omitempty"`  // ACR EE instance id, when the payload gives it
	Account    string    `json:"account,omitempty"`   // cloud account of the registry, when the payload gives it
}

// Image is the pushed image as a plain reference (registry/repository,
// then :tag and @digest when known), or "" when the push names no registry.
func (p Push) Image() string {
	if p.Registry == "" || p.Repository == "" {
		return ""
	}
	s := p.Registry + "/" + p.Repository
	if p.Tag != "" {
		s += ":" + p.Tag
	}
	if p.Digest != "" {
		s += "@" + p.Digest
	}
	return s
}

// Tick is one scheduled invocation. Jobs names the jobs to run; empty means
// all of them, or, when Since is set (a platform timer's tick), those due
// in the window (Since, Time] (see schedule.go).
type Tick struct {
	Time    time.Time `json:"time,omitzero"`
	Since   time.Time `json:"since,omitzero"`
	Jobs    []string  `json:"jobs"`
	Source  string    `json:"source,omitempty"`  // aws-schedule, fc-timer, fg-timer, cloud-scheduler, http
	EventID string    `json:"eventId,omitempty"` // the platform's id for this invocation, if any
}

// Wants reports whether the tick asks for the job named name.
func (t Tick) Wants(name string) bool {
	if len(t.Jobs) == 0 {
		return true
	}
	for _, j := range t.Jobs {
		if j == name {
			return true
		}
	}
	return false
}

package core

import (
	"context"
	"strconv"
	"time"
)

// Triggers are the configured reactions to pushes and ticks.
type Triggers struct {
	OnPush   []PushRule `json:"onPush,omitempty"`
	Jobs     []Job      `json:"jobs,omitempty"`
	AutoSync []AutoSync `json:"autoSync,omitempty"`
}

// Validate checks every rule, job and auto-sync, with paths such as
// onPush[2].targets[0].image, and refuses duplicate names.
func (t Triggers) Validate() error {
	v := &ValidationError{}
	names := map[string]bool{}
	for i, r := range t.OnPush {
		prefixed(v, "onPush["+strconv.Itoa(i)+"]", r.Validate())
		unique(v, names, "onPush["+strconv.Itoa(i)+"].name", "rule "+r.Name)
	}
	for i, j := range t.Jobs {
		prefixed(v, "jobs["+strconv.Itoa(i)+"]", j.Validate())
		unique(v, names, "jobs["+strconv.Itoa(i)+"].name", "job "+j.Name)
	}
	for i, a := range t.AutoSync {
		prefixed(v, "autoSync["+strconv.Itoa(i)+"]", a.Validate())
	}
	return v.Err()
}

func prefixed(v *ValidationError, prefix string, err error) {
	if ve, ok := err.(*ValidationError); ok {
		for _, f := range ve.Fields {
			v.Add(prefix+"."+f.Field, f.Reason)
		}
	} else if err != nil {
		v.Add(prefix, err.Error())
	}
}

func unique(v *ValidationError, seen map[string]bool, path, key string) {
	if seen[key] {
		v.Add(path, "duplicate name")
	}
	seen[key] = true
}

// WithTriggers sets the rules OnPush and OnTick follow. They are validated
// when the configuration is loaded, not here.
func WithTriggers(t Triggers) Option { return func(s *Service) { s.triggers = t } }

// TagLister lists the tags of a repository (host/path). The registry engine
// implements it; jobs need it.
type TagLister interface {
	ListTags(ctx context.Context, repository string) ([]string, error)
}

// TagTimer tells when each tag of a repository (host/path) was last
// pushed, where the registry says so; jobs ordering tags by push need it.
// The registry engine implements it for Docker Hub and Harbor, and answers
// ErrInvalid for registries that do not tell.
type TagTimer interface {
	TagTimes(ctx context.Context, repository string) (map[string]time.Time, error)
}

// Planned is one sync a trigger would start, as a dry run reports it.
type Planned struct {
	Source   Endpoint `json:"source"`
	Target   Endpoint `json:"target"`
	Engine   string   `json:"engine"`
	Digest   string   `json:"digest,omitempty"`
	Bytes    int64    `json:"bytes,omitempty"` // a job's dry run: what the copy would move
	Override bool     `json:"override,omitempty"`
}

// Failure is one sync of a trigger that failed.
type Failure struct {
	Source Endpoint `json:"source"`
	Target Endpoint `json:"target"`
	Kind   string   `json:"kind"`
	Reason string   `json:"reason"`
}

func plan(req SyncRequest, digest string) Planned {
	return Planned{Source: req.Source, Target: req.Target, Engine: Route(req), Digest: digest, Override: req.Override}
}

func failure(req SyncRequest, err error) Failure {
	return Failure{Source: req.Source, Target: req.Target, Kind: KindOf(err), Reason: err.Error()}
}

// transient reports whether a failure may go away if tried again.
func transient(err error) bool { return IsKind(err, ErrUnavailable, ErrThrottled) }

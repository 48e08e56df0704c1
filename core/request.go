package core

import (
	"strconv"
	"strings"
)

// SyncRequest asks for the image at Source to be at Target.
type SyncRequest struct {
	Source Endpoint `json:"source"`
	Target Endpoint `json:"target"`
	// Override replaces a target tag that holds a different digest. Without
	// it such a sync fails with ErrConflict and leaves the target untouched.
	Override bool `json:"override,omitempty"`
	// DryRun validates, routes and compares, but changes nothing.
	DryRun bool `json:"dryRun,omitempty"`
	// Engine forces an engine ("registry", "acr", "swr", "hss").
	Engine string `json:"engine,omitempty"`
	// After names engines to run once the sync has succeeded, with the
	// target as their source: "hss" refreshes HSS's inventory of it.
	After []string `json:"after,omitempty"`
	// Platforms, when set, copies only these platforms (os/arch[/variant])
	// of a source index, through the registry engine; the target's index
	// then differs from the source's. ["all"] copies the whole index
	// whatever the engine's default. Empty: the engine's default.
	Platforms []string `json:"platforms,omitempty"`
	// Backup, with Override, first tags the digest a replaced target tag
	// held as this tag in the target repository (checkBackup, expandBackup).
	Backup string `json:"backup,omitempty"`
}

// key identifies a request for in-flight deduplication: two requests with
// the same key are the same sync. Every field takes part (a test checks
// that no field is forgotten when one is added).
func (r SyncRequest) key() string {
	var b strings.Builder
	b.Grow(256)
	r.Source.writeKey(&b)
	r.Target.writeKey(&b)
	b.WriteString(strconv.FormatBool(r.Override))
	b.WriteString(strconv.FormatBool(r.DryRun))
	field(&b, r.Engine)
	field(&b, r.Backup)
	for _, a := range r.After {
		field(&b, a)
	}
	b.WriteByte('|')
	for _, p := range r.Platforms {
		field(&b, p)
	}
	return b.String()
}

func (e Endpoint) writeKey(b *strings.Builder) {
	for _, s := range []string{e.Image, e.Engine, e.Region, e.Instance, e.Account, e.Namespace,
		e.Repository, e.Tag, e.Digest, e.Project, e.EnterpriseProject} {
		field(b, s)
	}
	for _, r := range e.Registries {
		field(b, r.ID)
		field(b, r.Type)
	}
	b.WriteString(strconv.FormatBool(e.All))
	b.WriteByte('|')
}

// field writes a length-prefixed string, so that no two field lists make
// the same key.
func field(b *strings.Builder, s string) {
	b.WriteString(strconv.Itoa(len(s)))
	b.WriteByte(':')
	b.WriteString(s)
}

// Route names the engine that should do a valid request: the one it asks
// for; hss for an hss target; the cloud's own engine when source and target
// are both in that cloud; else the registry engine, which copies between any
// two registries.
func Route(r SyncRequest) string {
	if r.Engine != "" {
		return r.Engine
	}
	src, dst := r.Source.Kind(), r.Target.Kind()
	switch {
	case dst == EngineHSS:
		return EngineHSS
	case src == dst && (src == EngineACR || src == EngineSWR) && !r.filtersPlatforms():
		return src
	}
	return EngineRegistry
}

// checkRoute refuses an engine asked for that cannot do the request.
func checkRoute(engine string, r SyncRequest) error {
	src, dst := r.Source.Kind(), r.Target.Kind()
	switch engine {
	case EngineACR, EngineSWR:
		if src != engine || dst != engine {
			return &ValidationError{Fields: []FieldError{{Field: "engine",
				Reason: "engine " + engine + " syncs only from " + engine + " to " + engine + " endpoints"}}}
		}
		if r.filtersPlatforms() {
			return &ValidationError{Fields: []FieldError{{Field: "engine",
				Reason: "engine " + engine + " copies whole images: platforms need engine registry"}}}
		}
	case EngineHSS:
		if dst != EngineHSS {
			return &ValidationError{Fields: []FieldError{{Field: "engine", Reason: "engine hss needs an hss target"}}}
		}
	case EngineRegistry:
		if dst == EngineHSS {
			return &ValidationError{Fields: []FieldError{{Field: "engine", Reason: "an hss target is served by engine hss only"}}}
		}
	}
	return nil
}

// A target may keep what a sync replaces, as regsync's backup does: before
// the registry engine writes over a target tag that holds another digest,
// it tags that digest Backup in the target repository. In a job target
// Backup is a tag template (bkup-${tag}); in a request, the tag. Only a
// sync with Override replaces a tag, and only the registry engine keeps a
// backup.

// checkBackup records the problems of r's backup tag.
func (r SyncRequest) checkBackup(v *ValidationError) {
	if r.Backup == "" {
		return
	}
	v.Add("backup", CheckTag(r.Backup))
	if !r.Override {
		v.Add("backup", "a backup keeps a target tag the sync replaces: it needs override")
	}
	if Route(r) != EngineRegistry {
		v.Add("backup", "backups are kept by the registry engine: send the sync through it (via: registry)")
	}
}

// expandBackup is t's backup tag for an image of vars ("" for none).
func (t TargetTemplate) expandBackup(vars Vars) (string, string) {
	if t.Backup == "" {
		return "", ""
	}
	return expandString(t.Backup, vars, true)
}

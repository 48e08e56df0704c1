package core

import (
	"strconv"
	"strings"
)

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

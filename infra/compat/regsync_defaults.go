package compat

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// regsyncSettings are what each sync inherits from defaults and may set
// itself (regsync's syncSetDefaults), with the path each was set at.
type regsyncSettings struct {
	schedule, schedulePath      string // a cron schedule, or "@every <interval>"
	backup                      string // a tag template: bkup-${tag}
	digestTags, referrers, fast bool
	digestTagsPath, referrersPath,
	fastPath string
}

// Keys of defaults and syncs that imagesync has no setting for.
var regsyncRefused = map[string]string{
	"referrerFilters": "imagesync copies every referrer of an image: it has no referrer filter",
	"referrerSource":  "imagesync reads referrers from the source repository itself",
	"referrerTarget":  "imagesync writes referrers to the target repository itself",
	"hooks":           "imagesync runs no commands around a sync",
	"blobLimit":       "imagesync has no blob size limit",
}

// regsyncDefaults reads the defaults section: the settings syncs inherit,
// and those of the whole run (parallel, userAgent).
func (p *parser) regsyncDefaults(n *yaml.Node, doc *Doc) regsyncSettings {
	m := p.mapping(n, "defaults")
	var s regsyncSettings
	p.regsyncCommon(m, &s)
	doc.Concurrency = 1 // regsync copies one image at a time unless told
	if v, ok := m.str("parallel"); ok {
		n, err := strconv.Atoi(v)
		switch {
		case err != nil || n < 0 || n > 64:
			p.refuse(m.at("parallel"), "must be a number from 0 to 64 (imagesync's concurrency)")
		case n > 0:
			doc.Concurrency = n
		}
	}
	if ua, ok := m.str("userAgent"); ok {
		doc.Registry.UserAgent = ua
	}
	if b := m.boolean("skipDockerConfig"); b != nil && *b {
		read := false
		doc.Registry.DockerConfig = &read
	}
	for _, k := range []string{"cacheCount", "cacheTime"} {
		if m.take(k) != nil {
			p.note(m.at(k), "imagesync keeps no manifest cache to size: it reads each manifest once per sync, so there is nothing to set")
		}
	}
	m.rest(regsyncRefused)
	return s
}

// regsyncCommon reads the keys a sync shares with defaults into s.
func (p *parser) regsyncCommon(m *mapping, s *regsyncSettings) {
	p.regsyncSchedule(m, s)
	if b, ok := m.str("backup"); ok {
		s.backup, _ = p.regsyncBackup(b, m.at("backup"))
	}
	if b := m.boolean("digestTags"); b != nil {
		s.digestTags, s.digestTagsPath = *b, m.at("digestTags")
	}
	if b := m.boolean("referrers"); b != nil {
		s.referrers, s.referrersPath = *b, m.at("referrers")
	}
	if b := m.boolean("fastCheck"); b != nil {
		s.fast, s.fastPath = *b, m.at("fastCheck")
	}
	for key, reason := range map[string]string{
		"forceRecursive":  "imagesync skips an image whose digest the target holds: it has no forced recopy",
		"includeExternal": "imagesync does not copy foreign (external) layers",
		"referrerSlow":    "imagesync has no referrer filter to search with",
	} {
		if b := m.boolean(key); b != nil && *b {
			p.refuse(m.at(key), reason)
		}
	}
	p.regsyncRateLimit(m)
	p.regsyncMediaTypes(m)
}

// regsyncSchedule reads interval and schedule: a schedule wins over an
// interval, and either replaces the inherited one.
func (p *parser) regsyncSchedule(m *mapping, s *regsyncSettings) {
	interval, hasInterval := m.str("interval")
	cron, hasCron := m.str("schedule")
	switch {
	case hasCron:
		s.schedule, s.schedulePath = cronSchedule(cron), m.at("schedule")
	case hasInterval:
		d, err := time.ParseDuration(interval)
		if err != nil || d <= 0 {
			p.refuse(m.at("interval"), "must be a positive duration such as 60m or 12h")
			return
		}
		s.schedule, s.schedulePath = "@every "+interval, m.at("interval")
	}
}

// cronSchedule writes a regsync (robfig/cron) schedule in imagesync's
// dialect: TZ= becomes CRON_TZ=, and the descriptors imagesync lacks are
// spelled out.
func cronSchedule(s string) string {
	if rest, ok := strings.CutPrefix(s, "TZ="); ok {
		s = "CRON_TZ=" + rest
	}
	switch s {
	case "@midnight":
		return "@daily"
	case "@yearly", "@annually":
		return "0 0 1 1 *"
	}
	return s
}

// regsyncRateLimit reads ratelimit: imagesync's own quota guard stands in.
func (p *parser) regsyncRateLimit(m *mapping) {
	n := m.take("ratelimit")
	if n == nil {
		return
	}
	rl := p.mapping(n, m.at("ratelimit"))
	if v, ok := rl.str("min"); ok {
		if _, err := strconv.Atoi(v); err != nil {
			p.refuse(rl.at("min"), "must be a number")
		}
	}
	if v, ok := rl.str("retry"); ok {
		if _, err := time.ParseDuration(v); err != nil {
			p.refuse(rl.at("retry"), "must be a duration such as 15m")
		}
	}
	rl.rest(nil)
	p.note(m.at("ratelimit"), "imagesync's own pull-quota guard applies instead: it starts no copy that the "+
		"registry's ratelimit-remaining cannot cover and waits for the quota's reset up to registry.maxWait (default 2m); min and retry are not used")
}

// regsyncDefaultMediaTypes are the manifest types regsync copies by
// default; imagesync copies them all, and has no filter to narrow them.
var regsyncDefaultMediaTypes = []string{
	"application/vnd.docker.distribution.manifest.v2+json",
	"application/vnd.docker.distribution.manifest.list.v2+json",
	"application/vnd.oci.image.manifest.v1+json",
	"application/vnd.oci.image.index.v1+json",
}

func (p *parser) regsyncMediaTypes(m *mapping) {
	types := m.strings("mediaTypes")
	if types == nil {
		return
	}
	for _, t := range regsyncDefaultMediaTypes {
		if !slices.Contains(types, t) {
			p.refuse(m.at("mediaTypes"), "imagesync has no media type filter: it copies every type regsync copies by default ("+t+" included)")
			return
		}
	}
	p.note(m.at("mediaTypes"), "imagesync copies every manifest type it reads (Docker v2, OCI, Docker schema 1): "+
		"every listed type is copied, and it has no filter to skip the others")
}

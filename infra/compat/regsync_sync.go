package compat

import (
	"strings"

	"github.com/imagesync/imagesync/core"
	"gopkg.in/yaml.v3"
)

// regsyncJobs are the jobs one sync entry became, and the settings that
// apply to them.
type regsyncJobs struct {
	path          string
	jobs          []Job
	settings      regsyncSettings
	platforms     []string
	platformsPath string
}

// regsyncSync maps one sync entry: type image to a job of one pinned
// source, type repository to a job per tag filter (the union of tags and
// tagSets), type registry to a job over every repository of the source.
func (p *parser) regsyncSync(n *yaml.Node, i int, def regsyncSettings) regsyncJobs {
	out := regsyncJobs{path: "sync[" + itoa(i) + "]", settings: def}
	m := p.mapping(n, out.path)
	p.regsyncCommon(m, &out.settings)
	typ, _ := m.str("type")
	src, srcOK, tgt, tgtOK := p.regsyncRefs(m, typ)
	p.regsyncPlatforms(m, &out)
	tags, sets, repos := m.take("tags"), m.take("tagSets"), m.take("repos")
	if repos != nil && typ != "registry" {
		p.refuse(m.at("repos"), "repos selects the repositories of a type: registry sync")
	}
	name := "sync-" + itoa(i)
	switch typ {
	case "image":
		if tags != nil || sets != nil {
			p.refuse(out.path, "type image copies one image: tags and tagSets select the tags of a type: repository sync")
		}
		if srcOK && tgtOK {
			out.jobs = []Job{imageJob(name, src, tgt)}
		}
	case "repository":
		p.regsyncUnpinned(m, src, tgt)
		filters := p.regsyncTagFilters(tags, sets, out.path)
		if srcOK && tgtOK {
			out.jobs = repositoryJobs(name, src.text, tgt.text, filters)
		}
	case "registry":
		filters := p.regsyncTagFilters(tags, sets, out.path)
		if srcOK && tgtOK {
			out.jobs = p.regsyncRegistry(m, repos, name, src.text, tgt.text, filters)
		}
	default:
		p.refuse(m.at("type"), "must be image, repository or registry")
	}
	m.rest(regsyncRefused)
	p.regsyncFastCheck(out.settings)
	backup := out.settings.backup
	if typ == "image" && tgtOK { // {{.Ref.Tag}} is the target's tag, which ${tag} (the source's) may not be
		backup = strings.ReplaceAll(backup, "${tag}", targetTag(tgt))
	}
	for k := range out.jobs {
		out.jobs[k].Schedule = out.settings.schedule
		for i := range out.jobs[k].Targets {
			out.jobs[k].Targets[i].Backup = backup
		}
	}
	return out
}

// targetTag is the tag an image sync writes (latest when none is named).
func targetTag(r regsyncRef) string {
	if r.ref.Tag == "" {
		return "latest"
	}
	return r.ref.Tag
}

// regsyncRef is a source or target as written (templates expanded), and
// parsed.
type regsyncRef struct {
	text string
	ref  core.Reference
}

// regsyncRefs reads source and target, expanded as regsync expands them:
// the source first, then the target, which may use the expanded source
// ({{.Sync.Source}}).
func (p *parser) regsyncRefs(m *mapping, typ string) (src regsyncRef, srcOK bool, tgt regsyncRef, tgtOK bool) {
	rawSrc, ok1 := m.str("source")
	rawTgt, ok2 := m.str("target")
	fields := map[string]string{"Sync.Source": rawSrc, "Sync.Target": rawTgt, "Sync.Type": typ}
	if ok1 {
		src, srcOK = p.regsyncRef(m, "source", rawSrc, fields)
		fields["Sync.Source"] = src.text
	} else {
		p.refuse(m.at("source"), "required")
	}
	if ok2 {
		tgt, tgtOK = p.regsyncRef(m, "target", rawTgt, fields)
	} else {
		p.refuse(m.at("target"), "required")
	}
	return src, srcOK, tgt, tgtOK
}

func (p *parser) regsyncRef(m *mapping, key, raw string, fields map[string]string) (regsyncRef, bool) {
	s, ok := p.expand(raw, m.at(key), fields)
	if !ok || fields["Sync.Type"] == "registry" { // a registry host, not a reference
		return regsyncRef{text: s}, ok
	}
	if strings.Contains(s, "://") {
		p.refuse(m.at(key), "imagesync copies between registries: a reference such as ocidir:// is not supported")
		return regsyncRef{}, false
	}
	ref, reason := core.ParseReference(s)
	if reason != "" {
		p.refuse(m.at(key), reason)
		return regsyncRef{}, false
	}
	return regsyncRef{text: s, ref: ref}, true
}

// imageJob copies one image; a reference without tag or digest names
// :latest, as regclient reads it.
func imageJob(name string, src, tgt regsyncRef) Job {
	return Job{Name: name, Sources: []string{withLatest(src)}, Targets: []Target{{Image: withLatest(tgt), Override: true}}}
}

func withLatest(r regsyncRef) string {
	if r.ref.Tag == "" && r.ref.Digest == "" {
		return r.text + ":latest"
	}
	return r.text
}

// regsyncUnpinned refuses a repository sync's source or target that names
// a tag or digest (regsync appends each tag to them).
func (p *parser) regsyncUnpinned(m *mapping, refs ...regsyncRef) {
	for i, r := range refs {
		if r.ref.Tag != "" || r.ref.Digest != "" {
			p.refuse(m.at([]string{"source", "target"}[i]), "a repository sync names a repository, without tag or digest: regsync appends each tag to it and fails ("+r.text+":TAG is no reference)")
		}
	}
}

// repositoryJobs is a job per tag filter (one, without filter, for every
// tag).
func repositoryJobs(name, src, tgt string, filters []*Tags) []Job {
	var jobs []Job
	for k, f := range filters {
		n := name
		if k > 0 {
			n += "-" + itoa(k+1)
		}
		jobs = append(jobs, Job{Name: n, Sources: []string{src}, Tags: f, Targets: []Target{{Image: tgt, Override: true}}})
	}
	return jobs
}

package compat

import (
	"os"
	"strings"

	"github.com/imagesync/imagesync/core"
	"gopkg.in/yaml.v3"
)

// syncerRule is one parsed image-syncer rule source.
type syncerRule struct {
	repo   string   // the repository, as written
	tags   []string // listed tags (repo:t1,t2)
	digest string   // repo@digest
	regex  string   // repo:/regex/, as an imagesync include pattern
}

// syncerImages maps image-syncer's images: each rule (source: target, or
// source: [targets]) becomes a job, or a few when targets rename tags.
func (p *parser) syncerImages(n *yaml.Node, path string, doc *Doc) {
	m := p.mapping(n, path)
	for k, src := range m.keys {
		at := m.at(src)
		targets := p.syncerTargets(m.take(src), at)
		rule, ok := p.syncerSource(src, at)
		if !ok || len(targets) == 0 {
			continue
		}
		for j, job := range p.syncerJobs(rule, targets, at) {
			job.Name = "images-" + itoa(k)
			if j > 0 {
				job.Name += "-" + itoa(j+1)
			}
			p.origin("jobs["+itoa(len(doc.Jobs))+"]", at)
			doc.Jobs = append(doc.Jobs, job)
		}
	}
}

// syncerTargets reads a rule's target or targets, environment variables
// expanded as image-syncer does.
func (p *parser) syncerTargets(n *yaml.Node, path string) []string {
	var raw []string
	if n != nil && n.Kind == yaml.SequenceNode {
		raw = p.strings(n, path)
	} else if s, ok := p.scalar(n, path); ok {
		raw = []string{s}
	}
	if len(raw) == 0 {
		p.refuse(path, "needs a target (an empty one is refused by image-syncer too)")
	}
	var out []string
	for _, t := range raw {
		if t = os.Expand(t, p.env); t == "" {
			p.refuse(path, "a target is empty")
			continue
		}
		out = append(out, t)
	}
	return out
}

// syncerSource parses a rule's source: repo, repo:tag, repo:t1,t2,
// repo@digest or repo:/regex/.
func (p *parser) syncerSource(src, path string) (syncerRule, bool) {
	if repo, rest, ok := strings.Cut(src, ":/"); ok {
		r, ok := strings.CutSuffix(rest, "/")
		if !ok {
			p.refuse(path, "a tag regular expression is written repo:/regex/")
			return syncerRule{}, false
		}
		q, err := fromSearch(r)
		if err != nil {
			p.refuse(path, "not a valid regular expression: "+err.Error())
			return syncerRule{}, false
		}
		return syncerRule{repo: repo, regex: q}, p.checkRepo(repo, path)
	}
	first, more, _ := strings.Cut(src, ",")
	ref, reason := core.ParseReference(first)
	if reason != "" {
		p.refuse(path, reason)
		return syncerRule{}, false
	}
	rule := syncerRule{repo: trimRef(first, ref), digest: ref.Digest}
	switch {
	case ref.Digest != "" && more != "":
		p.refuse(path, "a digest source names one image, without more tags")
		return syncerRule{}, false
	case ref.Tag != "" && ref.Digest == "":
		rule.tags = append([]string{ref.Tag}, splitTags(more)...)
	case more != "":
		p.refuse(path, "tags are listed after the repository: repo:tag1,tag2")
		return syncerRule{}, false
	}
	return rule, true
}

func splitTags(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func (p *parser) checkRepo(repo, path string) bool {
	ref, reason := core.ParseReference(repo)
	if reason == "" && (ref.Tag != "" || ref.Digest != "") {
		reason = "the repository before :/regex/ names no tag or digest"
	}
	p.refuse(path, reason)
	return reason == ""
}

// trimRef is s, a reference as written, without its tag and digest.
func trimRef(s string, ref core.Reference) string {
	if ref.Digest != "" {
		s = s[:strings.LastIndexByte(s, '@')]
	}
	return strings.TrimSuffix(s, ":"+ref.Tag)
}

package compat

import (
	"strings"

	"github.com/imagesync/imagesync/core"
)

// syncerJobs turns a rule into jobs: the targets that keep the source's
// tags (or digest) share one job; a target that renames tags (x:a,b) gets
// a job per tag, pinned, as image-syncer pairs the tags in order.
func (p *parser) syncerJobs(r syncerRule, targets []string, path string) []Job {
	var keep []Target
	var jobs []Job
	for _, t := range targets {
		dst, tags, digest, ok := p.syncerTarget(t, path)
		switch {
		case !ok:
		case r.digest != "" && digest != "" && digest != r.digest:
			p.refuse(path, "target "+t+": a target digest must be the source's")
		case r.digest != "" && len(tags) > 1:
			p.refuse(path, "target "+t+": one source image goes to one tag")
		case r.digest != "" && len(tags) == 1:
			jobs = append(jobs, pinnedJob(r.repo+"@"+r.digest, dst+":"+tags[0]))
		case r.digest == "" && digest != "":
			p.refuse(path, "target "+t+": a target digest goes with a source of that digest")
		case len(tags) == 0:
			keep = append(keep, Target{Image: dst, Override: true})
		case r.tags == nil:
			p.refuse(path, "target "+t+": a rule that syncs every tag (or a /regex/) takes a target without tags")
		case len(tags) != len(r.tags):
			p.refuse(path, "target "+t+": it lists "+itoa(len(tags))+" tags and the source "+itoa(len(r.tags))+": image-syncer pairs them in order")
		default:
			for i, tag := range r.tags {
				jobs = append(jobs, pinnedJob(r.repo+":"+tag, dst+":"+tags[i]))
			}
		}
	}
	if len(keep) > 0 {
		jobs = append([]Job{r.job(keep)}, jobs...)
	}
	return jobs
}

func pinnedJob(src, dst string) Job {
	return Job{Sources: []string{src}, Targets: []Target{{Image: dst, Override: true}}}
}

// job is the rule's job to targets that keep its tags.
func (r syncerRule) job(targets []Target) Job {
	j := Job{Sources: []string{r.repo}, Targets: targets}
	switch {
	case r.digest != "":
		j.Sources = []string{r.repo + "@" + r.digest}
	case r.tags != nil:
		j.Sources = nil
		for _, t := range r.tags {
			j.Sources = append(j.Sources, r.repo+":"+t)
		}
	case r.regex != "":
		j.Tags = &Tags{Include: []string{r.regex}}
	}
	return j
}

// syncerTarget parses a target: repo, repo:tag, repo:t1,t2 or repo@digest.
func (p *parser) syncerTarget(t, path string) (repo string, tags []string, digest string, ok bool) {
	first, more, _ := strings.Cut(t, ",")
	ref, reason := core.ParseReference(first)
	switch {
	case reason != "":
		p.refuse(path, "target "+t+": "+reason)
		return "", nil, "", false
	case ref.Digest != "" && (more != "" || ref.Tag != ""):
		p.refuse(path, "target "+t+": a digest target names no tags")
		return "", nil, "", false
	case ref.Tag == "" && more != "":
		p.refuse(path, "target "+t+": tags are listed after the repository: repo:tag1,tag2")
		return "", nil, "", false
	case ref.Tag != "":
		tags = append([]string{ref.Tag}, splitTags(more)...)
	}
	return trimRef(first, ref), tags, ref.Digest, true
}

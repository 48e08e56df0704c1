package core

import (
	"strings"
)

// TargetTemplate is an endpoint whose string fields may hold variables,
// plus how to sync to it. Variables are written ${name}:
//
//	${registry}   the source registry host[:port]
//	${path}       the whole repository path, e.g. team/sub/app
//	${namespace}  its first component (team); empty for a one-component path
//	${repository} the rest after the namespace (sub/app); the whole path when it has one component
//	${name}       its last component (app)
//	${tag}        the tag (empty for a push by digest)
//	${digest}     the digest (empty when unknown)
//	${region} ${instance} ${account}  the cloud coordinates of the source, when known
//
// An unknown variable, or one that expands to nothing inside an image
// reference, is refused rather than producing a surprising endpoint.
type TargetTemplate struct {
	Endpoint `yaml:",inline"`
	// Override replaces a target tag that holds another digest.
	Override bool `json:"override,omitempty"`
	// Via forces the engine of the sync (registry, acr, swr, hss); the
	// endpoint's own "engine" field says what kind of endpoint it is.
	Via string `json:"via,omitempty"`
	// After names engines to run once the sync succeeded ("hss").
	After []string `json:"after,omitempty"`
	// Platforms copies only these platforms of a source index (see
	// SyncRequest.Platforms); a job's own platforms apply when unset.
	Platforms []string `json:"platforms,omitempty"`
	// Backup (with Override) tags the digest a replaced target tag held,
	// in the target repository: a tag template such as bkup-${tag}.
	Backup string `json:"backup,omitempty"`
}

// Vars are the values a template expands with.
type Vars map[string]string

// VarsOf returns the variables of an image at registry/path:tag@digest.
func VarsOf(registry, path, tag, digest string) Vars {
	ns, repo, ok := strings.Cut(path, "/")
	if !ok {
		ns, repo = "", path
	}
	name := path[strings.LastIndexByte(path, '/')+1:]
	return Vars{"registry": registry, "path": path, "namespace": ns, "repository": repo,
		"name": name, "tag": tag, "digest": digest, "region": "", "instance": "", "account": ""}
}

// PushVars returns the variables of a push.
func PushVars(p Push) Vars {
	v := VarsOf(p.Registry, p.Repository, p.Tag, p.Digest)
	v["region"], v["instance"], v["account"] = p.Region, p.Instance, p.Account
	return v
}

var varPattern = lazyRegexp(`\$\{([^}]*)\}`)

// expandString replaces every ${var} in s; reason is "" or the problem.
func expandString(s string, vars Vars, image bool) (string, string) {
	reason := ""
	out := varPattern().ReplaceAllStringFunc(s, func(m string) string {
		name := m[2 : len(m)-1]
		val, ok := vars[name]
		switch {
		case !ok:
			reason = "unknown variable ${" + name + "} (known: registry, path, namespace, repository, name, tag, digest, region, instance, account)"
		case val == "" && image:
			reason = "variable ${" + name + "} is empty for this image"
		}
		return val
	})
	if reason == "" && strings.Contains(out, "${") {
		reason = "unterminated ${ in " + s
	}
	return out, reason
}

// Expand fills the template's variables and returns the endpoint; reasons
// maps each field that could not be expanded ("image", "namespace", ...)
// to why.
func (t TargetTemplate) Expand(vars Vars) (Endpoint, map[string]string) {
	e := t.Endpoint
	e.Registries = append([]HSSRegistry(nil), t.Registries...)
	reasons := map[string]string{}
	fields := []struct {
		name string
		p    *string
	}{{"image", &e.Image}, {"engine", &e.Engine}, {"region", &e.Region}, {"instance", &e.Instance},
		{"account", &e.Account}, {"namespace", &e.Namespace}, {"repository", &e.Repository}, {"tag", &e.Tag},
		{"digest", &e.Digest}, {"project", &e.Project}, {"enterpriseProject", &e.EnterpriseProject}}
	for _, f := range fields {
		val, reason := expandString(*f.p, vars, f.name == "image")
		if reason != "" {
			reasons[f.name] = reason
		}
		*f.p = val
	}
	return e, reasons
}

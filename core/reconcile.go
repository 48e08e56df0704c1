package core

import (
	"reflect"
	"regexp"
	"strings"
)

// OwnedPrefix starts the name of every native auto-sync rule that imagesync
// creates; Reconcile deletes no rule without it.
const OwnedPrefix = "imagesync-"

// Owned reports whether imagesync created the auto-sync (by its name).
// SWR automatic syncs carry no name, so none of them is ever owned.
func (a AutoSync) Owned() bool { return strings.HasPrefix(a.Name, OwnedPrefix) }

// sameAutoSync compares two auto-syncs ignoring the provider's ID, and
// ignoring the name when either is an SWR one (SWR keeps no names). Both
// are compared in their normal form (see normalAutoSync); a target account
// that one side does not state is not compared (providers do not list it).
func sameAutoSync(a, b AutoSync) bool {
	a, b = normalAutoSync(a), normalAutoSync(b)
	if a.Engine == EngineSWR || b.Engine == EngineSWR || a.Name == "" || b.Name == "" {
		a.Name, b.Name = "", ""
	}
	if a.Target.Account == "" || b.Target.Account == "" {
		a.Target.Account, b.Target.Account = "", ""
	}
	return reflect.DeepEqual(a, b)
}

// normalAutoSync fills what providers fill: endpoint engines; the ACR
// scope (REPO when the source names a repository, else NAMESPACE); the
// target repository (the source's, for REPO rules and SWR); the tag filter
// ".*" for all tags.
func normalAutoSync(a AutoSync) AutoSync {
	a.ID = ""
	for _, e := range []*Endpoint{&a.Source, &a.Target} {
		if e.Engine == "" {
			e.Engine = a.Engine
		}
		if len(e.Registries) == 0 {
			e.Registries = nil
		}
	}
	if a.Engine == EngineACR && a.Scope == "" {
		a.Scope = "NAMESPACE"
		if a.Source.Repository != "" {
			a.Scope = "REPO"
		}
	}
	if (a.Scope == "REPO" || a.Engine == EngineSWR) && a.Target.Repository == "" {
		a.Target.Repository = a.Source.Repository
	}
	if a.TagFilter == "" && a.Engine == EngineACR {
		a.TagFilter = ".*"
	}
	return a
}

// Reconcile compares the auto-syncs the configuration wants with those that
// exist. create lists the wanted ones that do not exist; delete lists the
// existing ones that imagesync owns (Owned) and that nothing wanted matches,
// including surplus duplicates. Existing rules imagesync does not own are
// never deleted. Equality ignores ID.
func Reconcile(desired, existing []AutoSync) (create, delete []AutoSync) {
	used := make([]bool, len(existing))
	for _, d := range desired {
		found := false
		for i, e := range existing {
			if !used[i] && sameAutoSync(d, e) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			create = append(create, d)
		}
	}
	for i, e := range existing {
		if !used[i] && e.Owned() {
			delete = append(delete, e)
		}
	}
	return create, delete
}

var acrRuleName = lazyRegexp(`^imagesync-[A-Za-z0-9_-]{1,40}$`)

// Validate returns a *ValidationError listing every problem of a wanted
// auto-sync, with paths relative to it (source.namespace, tagFilter, ...).
func (a AutoSync) Validate() error {
	v := &ValidationError{}
	if a.ID != "" {
		v.Add("id", "the provider assigns ids; leave it out")
	}
	switch a.Engine {
	case EngineACR:
		v.Add("name", match(acrRuleName, a.Name, 1, 50, "name the rule imagesync-<1-40 letters, digits, '_' or '-'>: the prefix marks the rules imagesync may delete"))
		validateAutoSide(v, "source", a.Source, EngineACR, a.Scope != "NAMESPACE")
		validateAutoSide(v, "target", a.Target, EngineACR, false) // its repository defaults to the source's
		if a.Scope != "" && a.Scope != "REPO" && a.Scope != "NAMESPACE" {
			v.Add("scope", "must be REPO or NAMESPACE")
		}
		if a.TagFilter != "" {
			if _, err := regexp.Compile(a.TagFilter); err != nil {
				v.Add("tagFilter", "not a valid regular expression: "+err.Error())
			}
		}
	case EngineSWR:
		if a.Name != "" && !a.Owned() {
			v.Add("name", "SWR automatic syncs have no name; leave it out or start it with "+OwnedPrefix)
		}
		validateAutoSide(v, "source", a.Source, EngineSWR, true)
		validateAutoSide(v, "target", a.Target, EngineSWR, false)
		if a.TagFilter != "" || a.Scope != "" {
			v.Add("tagFilter", "SWR automatic syncs take no tag filter or scope")
		}
	default:
		v.Add("engine", "must be acr or swr")
	}
	return v.Err()
}

func validateAutoSide(v *ValidationError, path string, e Endpoint, engine string, repoRequired bool) {
	if e.Engine != "" && e.Engine != engine {
		v.Add(path+".engine", "must be "+engine+" (or left out)")
	}
	if e.Image != "" || e.Tag != "" || e.Digest != "" {
		v.Add(path+".image", "auto-syncs name a namespace and repository, not an image or tag")
	}
	if engine == EngineACR {
		v.Add(path+".region", CheckAlibabaRegion(e.Region))
		v.Add(path+".instance", CheckACRInstance(e.Instance))
		v.Add(path+".namespace", CheckACRNamespace(e.Namespace))
		if e.Account != "" {
			v.Add(path+".account", CheckAlibabaAccount(e.Account))
		}
		if e.Repository != "" || repoRequired {
			v.Add(path+".repository", CheckACRRepository(e.Repository))
		}
		return
	}
	v.Add(path+".region", CheckHuaweiRegion(e.Region))
	v.Add(path+".namespace", CheckSWRNamespace(e.Namespace))
	if e.Repository != "" || repoRequired {
		v.Add(path+".repository", CheckSWRRepository(e.Repository))
	}
}

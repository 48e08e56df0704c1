package acr

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/imagesync/imagesync/core"
)

// Sync rule scopes and the trigger imagesync uses.
const (
	ScopeRepo      = "REPO"
	ScopeNamespace = "NAMESPACE"
	triggerOnPush  = "PASSIVE"
)

// normalizeAutoSync validates a rule and fills its defaults: scope REPO
// when the source names a repository (else NAMESPACE), the target
// repository from the source's, the name "imagesync-<hash of the spec>".
func normalizeAutoSync(a core.AutoSync) (core.AutoSync, error) {
	a.Engine = core.EngineACR
	if a.Scope == "" {
		a.Scope = ScopeNamespace
		if a.Source.Repository != "" {
			a.Scope = ScopeRepo
		}
	}
	if a.Scope == ScopeRepo && a.Target.Repository == "" {
		a.Target.Repository = a.Source.Repository
	}
	v := &core.ValidationError{}
	for path, ep := range map[string]core.Endpoint{"source": a.Source, "target": a.Target} {
		v.Add(path+".region", core.CheckAlibabaRegion(ep.Region))
		v.Add(path+".instance", core.CheckACRInstance(ep.Instance))
		v.Add(path+".namespace", core.CheckACRNamespace(ep.Namespace))
		if ep.Repository != "" || a.Scope == ScopeRepo {
			v.Add(path+".repository", core.CheckACRRepository(ep.Repository))
		}
	}
	if a.Target.Account != "" {
		v.Add("target.account", core.CheckAlibabaAccount(a.Target.Account))
	}
	switch {
	case a.Scope != ScopeRepo && a.Scope != ScopeNamespace:
		v.Add("scope", "must be REPO or NAMESPACE")
	case a.Scope == ScopeNamespace && (a.Source.Repository != "" || a.Target.Repository != ""):
		v.Add("scope", "a NAMESPACE rule names no repository")
	}
	if a.Name == "" {
		a.Name = "imagesync-" + specHash(a)
	}
	return a, v.Err()
}

func specHash(a core.AutoSync) string {
	spec := strings.Join([]string{a.Source.Region, a.Source.Instance, a.Source.Namespace, a.Source.Repository,
		a.Target.Region, a.Target.Instance, a.Target.Namespace, a.Target.Repository, a.Target.Account, a.TagFilter, a.Scope}, "\x00")
	sum := sha256.Sum256([]byte(spec))
	return hex.EncodeToString(sum[:6])
}

// sameAutoSync reports whether two rules sync the same source to the same
// target with the same tag filter and scope (an empty filter is ".*").
func sameAutoSync(x, a core.AutoSync) bool {
	filter := func(s string) string {
		if s == "" {
			return ".*"
		}
		return s
	}
	return x.Scope == a.Scope && filter(x.TagFilter) == filter(a.TagFilter) &&
		x.Source.Region == a.Source.Region && x.Source.Instance == a.Source.Instance &&
		x.Source.Namespace == a.Source.Namespace && x.Source.Repository == a.Source.Repository &&
		x.Target.Region == a.Target.Region && x.Target.Instance == a.Target.Instance &&
		x.Target.Namespace == a.Target.Namespace && x.Target.Repository == a.Target.Repository
}

func ruleParams(a core.AutoSync) map[string]string {
	return map[string]string{
		"InstanceId": a.Source.Instance, "NamespaceName": a.Source.Namespace, "RepoName": a.Source.Repository,
		"TargetRegionId": a.Target.Region, "TargetInstanceId": a.Target.Instance,
		"TargetNamespaceName": a.Target.Namespace, "TargetRepoName": a.Target.Repository,
		"TargetUserId": a.Target.Account, "TagFilter": a.TagFilter, "SyncScope": a.Scope,
		"SyncRuleName": a.Name, "SyncTrigger": triggerOnPush,
	}
}

func toAutoSync(r SyncRule) core.AutoSync {
	return core.AutoSync{ID: r.SyncRuleID, Name: r.SyncRuleName, Engine: core.EngineACR, TagFilter: r.TagFilter, Scope: r.SyncScope,
		Source: core.Endpoint{Engine: core.EngineACR, Region: r.LocalRegionID, Instance: r.LocalInstanceID,
			Namespace: r.LocalNamespaceName, Repository: r.LocalRepoName},
		Target: core.Endpoint{Engine: core.EngineACR, Region: r.TargetRegionID, Instance: r.TargetInstanceID,
			Namespace: r.TargetNamespaceName, Repository: r.TargetRepoName, Account: r.TargetUserID}}
}

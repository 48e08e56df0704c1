package acrtest

// Rule is a repository sync rule as the emulator holds it.
type Rule struct {
	SyncRuleID, Name, Scope, Trigger, TagFilter, RepoNameFilter string
	LocalRegion, LocalInstance, LocalNamespace, LocalRepo       string
	TargetRegion, TargetInstance, TargetNamespace, TargetRepo   string
	TargetUserID                                                string
	CreateTime                                                  int64
}

// Rules returns a copy of every rule, oldest first.
func (s *Server) Rules() []Rule {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Rule, len(s.rules))
	for i, r := range s.rules {
		out[i] = *r
	}
	return out
}

func (s *Server) createRule(p params) (map[string]any, *apiError) {
	scope := p["SyncScope"]
	switch {
	case scope != "REPO" && scope != "NAMESPACE":
		return nil, &apiError{status: 400, code: "InvalidParameter", msg: "SyncScope must be REPO or NAMESPACE"}
	case p["SyncTrigger"] != "PASSIVE" && p["SyncTrigger"] != "INITIATIVE":
		return nil, &apiError{status: 400, code: "InvalidParameter", msg: "SyncTrigger must be PASSIVE or INITIATIVE"}
	case scope == "REPO" && p["RepoName"] == "":
		return nil, missing("RepoName")
	case scope == "REPO" && p["TargetRepoName"] == "":
		return nil, missing("TargetRepoName")
	}
	for _, r := range s.rules {
		if r.LocalInstance == p["InstanceId"] && r.Name == p["SyncRuleName"] {
			return nil, business("SYNC_RULE_ALREADY_EXIST", "a sync rule named "+r.Name+" exists")
		}
	}
	r := &Rule{SyncRuleID: s.nextID("crsr-"), Name: p["SyncRuleName"], Scope: scope, Trigger: p["SyncTrigger"],
		TagFilter: p["TagFilter"], RepoNameFilter: p["RepoNameFilter"],
		LocalRegion: p["RegionId"], LocalInstance: p["InstanceId"], LocalNamespace: p["NamespaceName"], LocalRepo: p["RepoName"],
		TargetRegion: p["TargetRegionId"], TargetInstance: p["TargetInstanceId"], TargetNamespace: p["TargetNamespaceName"],
		TargetRepo: p["TargetRepoName"], TargetUserID: p["TargetUserId"], CreateTime: s.now().UnixMilli()}
	s.rules = append(s.rules, r)
	return map[string]any{"SyncRuleId": r.SyncRuleID}, nil
}

func (s *Server) listRules(p params) (map[string]any, *apiError) {
	no, size, err := p.page()
	if err != nil {
		return nil, err
	}
	var match []map[string]any
	for _, r := range s.rules {
		if r.LocalInstance == p["InstanceId"] && want(p["NamespaceName"], r.LocalNamespace) &&
			want(p["RepoName"], r.LocalRepo) && want(p["TargetInstanceId"], r.TargetInstance) &&
			want(p["TargetRegionId"], r.TargetRegion) {
			match = append(match, r.wire())
		}
	}
	lo, hi := window(len(match), no, size)
	return map[string]any{"PageNo": no, "PageSize": size, "TotalCount": len(match), "SyncRules": append([]map[string]any{}, match[lo:hi]...)}, nil
}

func (s *Server) deleteRule(p params) (map[string]any, *apiError) {
	for i, r := range s.rules {
		if r.SyncRuleID == p["SyncRuleId"] && r.LocalInstance == p["InstanceId"] {
			s.rules = append(s.rules[:i], s.rules[i+1:]...)
			return nil, nil
		}
	}
	return nil, business("SYNC_RULE_NOT_EXIST", "sync rule "+p["SyncRuleId"]+" does not exist")
}

func (s *Server) runRule(p params) (map[string]any, *apiError) {
	repo := s.repoByID(p["InstanceId"], p["RepoId"])
	if repo == nil {
		return nil, business("REPO_NOT_EXIST", "repository "+p["RepoId"]+" does not exist")
	}
	for _, r := range s.rules {
		if r.SyncRuleID == p["SyncRuleId"] && r.LocalInstance == p["InstanceId"] {
			target := r.TargetRepo
			if target == "" {
				target = repo.Name
			}
			t := s.addTask(repo, p["Tag"], Image{RegionID: r.TargetRegion, InstanceID: r.TargetInstance,
				Namespace: r.TargetNamespace, Repo: target, Tag: p["Tag"]})
			t.SyncRuleID, t.TargetUserID = r.SyncRuleID, r.TargetUserID
			return map[string]any{"SyncTaskId": t.SyncTaskID}, nil
		}
	}
	return nil, business("SYNC_RULE_NOT_EXIST", "sync rule "+p["SyncRuleId"]+" does not exist")
}

func (r *Rule) wire() map[string]any {
	return map[string]any{
		"SyncRuleId": r.SyncRuleID, "SyncRuleName": r.Name, "SyncScope": r.Scope, "SyncTrigger": r.Trigger,
		"TagFilter": r.TagFilter, "SyncDirection": "FROM", "CreateTime": r.CreateTime, "ModifiedTime": r.CreateTime,
		"LocalRegionId": r.LocalRegion, "LocalInstanceId": r.LocalInstance, "LocalNamespaceName": r.LocalNamespace,
		"LocalRepoName": r.LocalRepo, "TargetRegionId": r.TargetRegion, "TargetInstanceId": r.TargetInstance,
		"TargetNamespaceName": r.TargetNamespace, "TargetRepoName": r.TargetRepo, "TargetUserId": r.TargetUserID,
	}
}

package acrtest

import (
	"sort"
	"strconv"
)

// Repository is an image repository on an instance.
type Repository struct {
	RepoID     string
	Instance   string
	Namespace  string
	Name       string
	CreateTime int64
}

// AddRepository registers a repository (and its instance, in region) and
// returns its RepoId.
func (s *Server) AddRepository(region, instance, namespace, name string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.instances[instance] = region
	s.namespaces[instance+"/"+namespace] = true
	if r := s.repo(instance, namespace, name); r != nil {
		return r.RepoID
	}
	r := &Repository{RepoID: s.nextID("crr-"), Instance: instance, Namespace: namespace, Name: name,
		CreateTime: s.now().UnixMilli()}
	s.repos = append(s.repos, r)
	return r.RepoID
}

func (s *Server) repo(instance, namespace, name string) *Repository {
	for _, r := range s.repos {
		if r.Instance == instance && r.Namespace == namespace && r.Name == name {
			return r
		}
	}
	return nil
}

func (s *Server) repoByID(instance, id string) *Repository {
	for _, r := range s.repos {
		if r.Instance == instance && r.RepoID == id {
			return r
		}
	}
	return nil
}

func (s *Server) getRepository(p params) (map[string]any, *apiError) {
	var r *Repository
	switch {
	case p["RepoId"] != "":
		r = s.repoByID(p["InstanceId"], p["RepoId"])
	case p["RepoNamespaceName"] == "" || p["RepoName"] == "":
		return nil, missing("RepoId")
	default:
		r = s.repo(p["InstanceId"], p["RepoNamespaceName"], p["RepoName"])
	}
	if r == nil {
		return nil, business("REPO_NOT_EXIST", "repository does not exist")
	}
	return map[string]any{
		"InstanceId": r.Instance, "RepoId": r.RepoID, "RepoNamespaceName": r.Namespace, "RepoName": r.Name,
		"RepoStatus": "NORMAL", "RepoType": "PRIVATE", "RepoBuildType": "MANUAL", "Summary": "",
		"CreateTime": r.CreateTime, "ModifiedTime": r.CreateTime,
	}, nil
}

// listRepository answers ListRepository: a page of the instance's
// repositories (RepoNamespaceName and RepoName filter them), sorted by
// namespace and name, with the total as a string, as the API gives it.
func (s *Server) listRepository(p params) (map[string]any, *apiError) {
	no, size, err := p.page()
	if err != nil {
		return nil, err
	}
	var rs []*Repository
	for _, r := range s.repos {
		if r.Instance == p["InstanceId"] && want(p["RepoNamespaceName"], r.Namespace) && want(p["RepoName"], r.Name) {
			rs = append(rs, r)
		}
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].Namespace+"/"+rs[i].Name < rs[j].Namespace+"/"+rs[j].Name })
	lo, hi := window(len(rs), no, size)
	out := []map[string]any{}
	for _, r := range rs[lo:hi] {
		out = append(out, map[string]any{"InstanceId": r.Instance, "RepoId": r.RepoID, "RepoNamespaceName": r.Namespace,
			"RepoName": r.Name, "RepoStatus": "NORMAL", "RepoType": "PRIVATE", "RepoBuildType": "MANUAL", "Summary": "",
			"CreateTime": r.CreateTime, "ModifiedTime": r.CreateTime})
	}
	return map[string]any{"PageNo": no, "PageSize": size, "TotalCount": strconv.Itoa(len(rs)), "Repositories": out}, nil
}

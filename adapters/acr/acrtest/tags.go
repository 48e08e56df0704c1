package acrtest

import (
	"sort"
	"strconv"
	"time"
)

// SetTags records the tags of a repository (by RepoId) and when each was
// last pushed; ListRepoTag lists them.
func (s *Server) SetTags(repoID string, pushed map[string]time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tags == nil {
		s.tags = map[string]map[string]time.Time{}
	}
	s.tags[repoID] = pushed
}

// SetInstanceName names an instance, as ListInstance reports it; its
// registry domain is <name>-registry.<region>.cr.aliyuncs.com.
func (s *Server) SetInstanceName(instance, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.names == nil {
		s.names = map[string]string{}
	}
	s.names[instance] = name
}

// listRepoTag answers ListRepoTag: a page of Images, newest first, their
// times as milliseconds since the epoch.
func (s *Server) listRepoTag(p params) (map[string]any, *apiError) {
	no, size, err := p.page()
	if err != nil {
		return nil, err
	}
	if s.repoByID(p["InstanceId"], p["RepoId"]) == nil {
		return nil, business("REPO_NOT_EXIST", "repository does not exist")
	}
	pushed := s.tags[p["RepoId"]]
	names := make([]string, 0, len(pushed))
	for tag := range pushed {
		names = append(names, tag)
	}
	sort.Slice(names, func(i, j int) bool { return pushed[names[i]].After(pushed[names[j]]) })
	lo, hi := window(len(names), no, size)
	images := []map[string]any{}
	for _, tag := range names[lo:hi] {
		ms := pushed[tag].UnixMilli()
		images = append(images, map[string]any{"Tag": tag, "Digest": "sha256:" + strconv.FormatInt(ms, 16),
			"ImageId": strconv.FormatInt(ms, 16), "Status": "NORMAL", "ImageSize": 1024, "ImageCreate": ms, "ImageUpdate": ms})
	}
	return map[string]any{"PageNo": no, "PageSize": size, "TotalCount": strconv.Itoa(len(names)), "Images": images}, nil
}

// listInstance answers ListInstance for the region asked (RegionId),
// filtered by InstanceName when given.
func (s *Server) listInstance(p params) (map[string]any, *apiError) {
	no, size, err := p.page()
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(s.instances))
	for id, region := range s.instances {
		if region == p["RegionId"] && want(p["InstanceName"], s.names[id]) {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	lo, hi := window(len(ids), no, size)
	out := []map[string]any{}
	for _, id := range ids[lo:hi] {
		out = append(out, map[string]any{"InstanceId": id, "InstanceName": s.names[id], "InstanceStatus": "RUNNING",
			"InstanceSpecification": "Enterprise_Basic", "RegionId": s.instances[id]})
	}
	return map[string]any{"PageNo": no, "PageSize": size, "TotalCount": len(ids), "Instances": out}, nil
}

// getAuthorizationToken answers GetAuthorizationToken: a temporary login
// to the instance's registry, valid an hour.
func (s *Server) getAuthorizationToken(p params) (map[string]any, *apiError) {
	return map[string]any{"TempUsername": "cr_temp_user", "AuthorizationToken": "token-of-" + p["InstanceId"],
		"ExpireTime": s.now().Add(time.Hour).UnixMilli()}, nil
}

// listInstanceEndpoint answers ListInstanceEndpoint for the Registry
// module: the instance's internet and VPC domains, from its name.
func (s *Server) listInstanceEndpoint(p params) (map[string]any, *apiError) {
	domain := func(suffix string) []any {
		return []any{map[string]string{"Domain": s.names[p["InstanceId"]] + "-registry" + suffix + "." + p["RegionId"] + ".cr.aliyuncs.com", "Type": "SYSTEM"}}
	}
	return map[string]any{"Endpoints": []any{
		map[string]any{"EndpointType": "internet", "Enable": true, "Domains": domain("")},
		map[string]any{"EndpointType": "vpc", "Enable": true, "Domains": domain("-vpc")},
	}}, nil
}

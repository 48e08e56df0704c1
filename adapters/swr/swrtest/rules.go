package swrtest

import (
	"net/http"
	"slices"
	"time"
)

// rule is one automatic sync of a repository.
type rule struct {
	ID              int32  `json:"id"`
	Namespace       string `json:"namespace"`
	RepoName        string `json:"repoName"`
	RemoteRegionID  string `json:"remoteRegionId"`
	RemoteNamespace string `json:"remoteNamespace"`
	SyncAuto        bool   `json:"syncAuto"`
	Override        bool   `json:"override"`
	CreatedAt       string `json:"createdAt"`
	UpdatedAt       string `json:"updatedAt"`
	DomainID        string `json:"domainID"`
	DomainName      string `json:"domainName"`
}

type ruleBody struct {
	RemoteRegionID  *string `json:"remoteRegionId"`
	RemoteNamespace *string `json:"remoteNamespace"`
	SyncAuto        *bool   `json:"syncAuto"`
	Override        *bool   `json:"override"`
}

func (b ruleBody) required() map[string]bool {
	return map[string]bool{"remoteRegionId": b.RemoteRegionID != nil && *b.RemoteRegionID != "",
		"remoteNamespace": b.RemoteNamespace != nil && *b.RemoteNamespace != ""}
}

func (s *Server) createRule(w http.ResponseWriter, rt route, body []byte) int {
	var b ruleBody
	if status, ok := decodeStrict(w, body, &b); !ok {
		return status
	}
	if status, bad := missing(w, b.required()); bad {
		return status
	}
	if !slices.Contains(s.cfg.Regions, *b.RemoteRegionID) {
		return writeErr(w, http.StatusBadRequest, "SVCSTG.SWR.4001003", "unsupported remote region "+*b.RemoteRegionID)
	}
	key := rt.namespace + "/" + rt.repo
	for _, r := range s.rules[key] {
		if r.RemoteRegionID == *b.RemoteRegionID && r.RemoteNamespace == *b.RemoteNamespace {
			return writeErr(w, http.StatusConflict, "SVCSTG.SWR.4090001", "the sync rule already exists")
		}
	}
	now := s.cfg.Clock().UTC().Format(time.RFC3339)
	s.nextID++
	s.rules[key] = append(s.rules[key], &rule{ID: s.nextID, Namespace: rt.namespace, RepoName: rt.repo,
		RemoteRegionID: *b.RemoteRegionID, RemoteNamespace: *b.RemoteNamespace,
		SyncAuto: b.SyncAuto != nil && *b.SyncAuto, Override: b.Override != nil && *b.Override,
		CreatedAt: now, UpdatedAt: now, DomainID: "d0", DomainName: "swrtest"})
	return writeRaw(w, http.StatusOK, "")
}

func (s *Server) listRules(w http.ResponseWriter, rt route) int {
	out := []*rule{}
	out = append(out, s.rules[rt.namespace+"/"+rt.repo]...)
	return writeJSON(w, http.StatusOK, out)
}

func (s *Server) deleteRule(w http.ResponseWriter, rt route, body []byte) int {
	var b ruleBody
	if status, ok := decodeStrict(w, body, &b); !ok {
		return status
	}
	if status, bad := missing(w, b.required()); bad {
		return status
	}
	if b.SyncAuto != nil || b.Override != nil {
		return writeErr(w, http.StatusBadRequest, "SVCSTG.SWR.4001001", "invalid request body: unknown field")
	}
	key := rt.namespace + "/" + rt.repo
	for i, r := range s.rules[key] {
		if r.RemoteRegionID == *b.RemoteRegionID && r.RemoteNamespace == *b.RemoteNamespace {
			s.rules[key] = slices.Delete(s.rules[key], i, i+1)
			return writeRaw(w, http.StatusOK, "")
		}
	}
	return writeErr(w, http.StatusNotFound, "SVCSTG.SWR.4040004", "the sync rule was not found")
}

// AutoSync is an automatic sync rule as a test sees it.
type AutoSync struct {
	Namespace, Repository, RemoteRegion, RemoteNamespace string
	SyncAuto, Override                                   bool
}

// AutoSyncs returns the rules of a repository.
func (s *Server) AutoSyncs(namespace, repository string) []AutoSync {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []AutoSync
	for _, r := range s.rules[namespace+"/"+repository] {
		out = append(out, AutoSync{r.Namespace, r.RepoName, r.RemoteRegionID, r.RemoteNamespace, r.SyncAuto, r.Override})
	}
	return out
}

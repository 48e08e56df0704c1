package swrtest

import (
	"encoding/json"
	"net/http"
	"strings"
)

// matchCreate routes CreateNamespace (POST /v2/manage/namespaces) and
// CreateRepo (POST /v2/manage/namespaces/{namespace}/repos).
func matchCreate(method, rawPath string) (route, bool) {
	if method != http.MethodPost {
		return route{}, false
	}
	if rawPath == "/v2/manage/namespaces" {
		return route{op: "CreateNamespace"}, true
	}
	p := strings.Split(strings.TrimPrefix(rawPath, "/"), "/")
	if len(p) == 5 && p[0] == "v2" && p[1] == "manage" && p[2] == "namespaces" && p[3] != "" && p[4] == "repos" {
		return route{op: "CreateRepo", namespace: p[3]}, true
	}
	return route{}, false
}

// HasRepository reports whether namespace/repository exists.
func (s *Server) HasRepository(namespace, repository string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.repos[namespace+"/"+repository]
	return ok
}

// hasNamespace: callers hold mu.
func (s *Server) hasNamespace(ns string) bool {
	if s.ns[ns] {
		return true
	}
	for k := range s.repos {
		if strings.HasPrefix(k, ns+"/") {
			return true
		}
	}
	return false
}

// createNamespace answers 201, or 409 when the organization exists.
func (s *Server) createNamespace(w http.ResponseWriter, body []byte) int {
	var in struct {
		Namespace string `json:"namespace"`
	}
	if err := json.Unmarshal(body, &in); err != nil || in.Namespace == "" {
		return writeErr(w, http.StatusBadRequest, "SVCSTG.SWR.4000001", "namespace is required")
	}
	if s.hasNamespace(in.Namespace) {
		return writeErr(w, http.StatusConflict, "SVCSTG.SWR.4090001", "the organization already exists")
	}
	s.ns[in.Namespace] = true
	return writeRaw(w, http.StatusCreated, "")
}

// createRepo answers 201; 404 when the organization does not exist, 409
// when the repository does.
func (s *Server) createRepo(w http.ResponseWriter, rt route, body []byte) int {
	var in struct {
		Repository string `json:"repository"`
		IsPublic   *bool  `json:"is_public"`
	}
	if err := json.Unmarshal(body, &in); err != nil || in.Repository == "" || in.IsPublic == nil {
		return writeErr(w, http.StatusBadRequest, "SVCSTG.SWR.4000001", "repository and is_public are required")
	}
	if !s.hasNamespace(rt.namespace) {
		return writeErr(w, http.StatusNotFound, "SVCSTG.SWR.4040001", "the organization was not found")
	}
	key := rt.namespace + "/" + in.Repository
	if _, ok := s.repos[key]; ok {
		return writeErr(w, http.StatusConflict, "SVCSTG.SWR.4090002", "the repository already exists")
	}
	s.repos[key] = nil
	return writeRaw(w, http.StatusCreated, "")
}

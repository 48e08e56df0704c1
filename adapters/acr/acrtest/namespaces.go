package acrtest

// AddNamespace makes a namespace exist on an instance (and the instance,
// in region).
func (s *Server) AddNamespace(region, instance, namespace string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.instances[instance] = region
	s.namespaces[instance+"/"+namespace] = true
}

// HasRepository reports whether a repository exists.
func (s *Server) HasRepository(instance, namespace, name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.repo(instance, namespace, name) != nil
}

// createNamespace is CreateNamespace: NAMESPACE_ALREADY_EXIST when it does.
func (s *Server) createNamespace(p params) (map[string]any, *apiError) {
	key := p["InstanceId"] + "/" + p["NamespaceName"]
	if s.namespaces[key] {
		return nil, business("NAMESPACE_ALREADY_EXIST", "namespace "+p["NamespaceName"]+" already exists")
	}
	if v := p["AutoCreateRepo"]; v != "" && v != "true" && v != "false" {
		return nil, &apiError{status: 400, code: "InvalidParameter", msg: "AutoCreateRepo must be true or false"}
	}
	s.namespaces[key] = true
	return nil, nil
}

// createRepository is CreateRepository: the namespace must exist
// (NAMESPACE_NOT_EXIST), the repository must not (REPO_ALREADY_EXIST).
func (s *Server) createRepository(p params) (map[string]any, *apiError) {
	if t := p["RepoType"]; t != "" && t != "PUBLIC" && t != "PRIVATE" {
		return nil, &apiError{status: 400, code: "InvalidParameter", msg: "RepoType must be PUBLIC or PRIVATE"}
	}
	inst, ns, name := p["InstanceId"], p["RepoNamespaceName"], p["RepoName"]
	if !s.namespaces[inst+"/"+ns] {
		return nil, business("NAMESPACE_NOT_EXIST", "namespace "+ns+" does not exist")
	}
	if s.repo(inst, ns, name) != nil {
		return nil, business("REPO_ALREADY_EXIST", "repository "+ns+"/"+name+" already exists")
	}
	r := &Repository{RepoID: s.nextID("crr-"), Instance: inst, Namespace: ns, Name: name,
		CreateTime: s.now().UnixMilli()}
	s.repos = append(s.repos, r)
	return map[string]any{"RepoId": r.RepoID}, nil
}

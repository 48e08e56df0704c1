package core

import "strings"

// matchesPlace reports whether one side of t, its source or its target,
// matches every place filter of q (region, instance, namespace,
// repository; empty ones do not filter). Cloud coordinates match by their
// fields. An image reference matches by its path: namespace is its first
// segment, repository the path after it or the whole path, so that
// registry-engine tasks answer the same filters as the clouds'; a
// reference has no region or instance, so those filters leave it out.
func matchesPlace(t Task, q TaskQuery) bool {
	if q.Region == "" && q.Instance == "" && q.Namespace == "" && q.Repository == "" {
		return true
	}
	return placeMatches(t.Source, q) || placeMatches(t.Target, q)
}

func placeMatches(e Endpoint, q TaskQuery) bool {
	region, instance, namespace, repos := place(e)
	return (q.Region == "" || q.Region == region) &&
		(q.Instance == "" || q.Instance == instance) &&
		(q.Namespace == "" || q.Namespace == namespace) &&
		(q.Repository == "" || contains(repos, q.Repository))
}

// place is where an endpoint points: its region, instance, namespace and
// the names its repository answers to.
func place(e Endpoint) (region, instance, namespace string, repos []string) {
	if ref, ok := e.Ref(); ok {
		namespace, rest, found := strings.Cut(ref.Repository, "/")
		if !found {
			return "", "", "", []string{ref.Repository}
		}
		return "", "", namespace, []string{rest, ref.Repository}
	}
	repos = []string{e.Repository}
	if e.Namespace != "" && e.Repository != "" {
		repos = append(repos, e.Namespace+"/"+e.Repository)
	}
	return e.Region, e.Instance, e.Namespace, repos
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

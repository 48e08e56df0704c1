package swrtest

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"time"
)

// SetTagTimes records when tags of namespace/repository were created and
// last updated (pushed); the repository is added if it is missing. The
// tags are then listed by ListRepositoryTags
// (GET /v2/manage/namespaces/{ns}/repos/{repo}/tags).
func (s *Server) SetTagTimes(namespace, repository string, updated map[string]time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := namespace + "/" + repository
	if s.pushed == nil {
		s.pushed = map[string]map[string]time.Time{}
	}
	s.pushed[key] = updated
	if _, ok := s.repos[key]; !ok {
		s.repos[key] = nil
	}
	for tag := range updated {
		s.repos[key] = append(s.repos[key], tag)
	}
}

// listTags answers ListRepositoryTags as SWR documents it: a JSON array of
// tags (the field is "Tag"), times in UTC as RFC 3339, paged by offset and
// limit, which come together, limit at most 1000 and offset a multiple of
// it; the total in Content-Range. Callers hold mu.
func (s *Server) listTags(w http.ResponseWriter, rt route, q url.Values) int {
	times := s.pushed[rt.namespace+"/"+rt.repo]
	names := make([]string, 0, len(times))
	for tag := range times {
		names = append(names, tag)
	}
	sort.Strings(names)
	offset, limit := 0, len(names)
	if q.Has("offset") || q.Has("limit") {
		var err1, err2 error
		offset, err1 = strconv.Atoi(q.Get("offset"))
		limit, err2 = strconv.Atoi(q.Get("limit"))
		if err1 != nil || err2 != nil || limit < 1 || limit > 1000 || offset < 0 || offset%limit != 0 {
			return writeErr(w, http.StatusBadRequest, "SVCSTG.SWR.4000002", "offset and limit must come together: limit 1..1000, offset a multiple of it")
		}
	}
	out := []map[string]any{}
	for i := offset; i < len(names) && i < offset+limit; i++ {
		at := times[names[i]].UTC().Format(time.RFC3339)
		out = append(out, map[string]any{"id": i + 1, "repo_id": 1, "Tag": names[i], "image_id": "img",
			"manifest": "{}", "digest": "sha256:" + strconv.Itoa(i), "schema": 2,
			"path":          "swr." + s.cfg.Region + ".myhuaweicloud.com/" + rt.namespace + "/" + rt.repo + ":" + names[i],
			"internal_path": "10.125.0.198:20202/" + rt.namespace + "/" + rt.repo + ":" + names[i],
			"size":          1024, "is_trusted": false, "created": at, "updated": at, "deleted": nil, "scanned": false, "tag_type": 0})
	}
	end := min(offset+limit, len(names))
	w.Header().Set("Content-Range", strconv.Itoa(offset)+"-"+strconv.Itoa(max(end-1, offset))+"/"+strconv.Itoa(len(names)))
	return writeJSON(w, http.StatusOK, out)
}

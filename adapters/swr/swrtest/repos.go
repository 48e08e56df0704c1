package swrtest

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// listRepos answers ListReposDetails (GET /v2/manage/repos): a JSON array
// of the region's repositories, of one namespace when the query names
// one, sorted, paged by offset and limit as ListRepositoryTags is (limit
// 1..1000, offset a multiple of it; default 100), the total in
// Content-Range. A repository's name keeps its '/'. Callers hold mu.
func (s *Server) listRepos(w http.ResponseWriter, q url.Values) int {
	var keys []string
	for k := range s.repos {
		if ns, _, _ := strings.Cut(k, "/"); q.Get("namespace") == "" || ns == q.Get("namespace") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	offset, limit := 0, 100
	if q.Has("offset") || q.Has("limit") {
		var err1, err2 error
		offset, err1 = strconv.Atoi(q.Get("offset"))
		limit, err2 = strconv.Atoi(q.Get("limit"))
		if err1 != nil || err2 != nil || limit < 1 || limit > 1000 || offset < 0 || offset%limit != 0 {
			return writeErr(w, http.StatusBadRequest, "SVCSTG.SWR.4000002", "offset and limit must come together: limit 1..1000, offset a multiple of it")
		}
	}
	out := []map[string]any{}
	for i := offset; i < len(keys) && i < offset+limit; i++ {
		ns, name, _ := strings.Cut(keys[i], "/")
		out = append(out, map[string]any{"name": name, "namespace": ns, "category": "other", "description": "",
			"size": 1024, "is_public": false, "num_images": len(s.repos[keys[i]]), "num_download": 0,
			"created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z", "logo": "",
			"url": "", "path": "swr." + s.cfg.Region + ".myhuaweicloud.com/" + keys[i],
			"internal_path": "10.125.0.198:20202/" + keys[i], "domain_name": "test", "tags": []string{}, "status": false, "total_range": len(keys)})
	}
	end := min(offset+limit, len(keys))
	w.Header().Set("Content-Range", strconv.Itoa(offset)+"-"+strconv.Itoa(max(end-1, offset))+"/"+strconv.Itoa(len(keys)))
	return writeJSON(w, http.StatusOK, out)
}

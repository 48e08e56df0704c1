package swrtest

import (
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/imagesync/imagesync/adapters/internal/huaweicloud/apigwtest"
)

// answers numbers every answer's X-Request-Id swrtest-NNNNNN.
var answers = &apigwtest.Writer{Prefix: "swrtest"}

// route is one matched API call.
type route struct {
	op        string
	namespace string
	repo      string // with '/' (the path carried '$')
}

// match routes a request by its path as sent: a repository's '/' must come
// as '$', so a literal '/' makes the path unknown, as at the real API.
func match(method, rawPath string) (route, bool) {
	if method == http.MethodGet && rawPath == "/v2/manage/regions" {
		return route{op: "ListSyncRegions"}, true
	}
	if method == http.MethodGet && rawPath == "/v2/manage/repos" {
		return route{op: "ListReposDetails"}, true
	}
	if r, ok := matchCreate(method, rawPath); ok {
		return r, true
	}
	p := strings.Split(strings.TrimPrefix(rawPath, "/"), "/")
	if len(p) != 7 || p[0] != "v2" || p[1] != "manage" || p[2] != "namespaces" || p[4] != "repos" {
		return route{}, false
	}
	if strings.ContainsAny(p[5], "%/") || p[3] == "" || p[5] == "" {
		return route{}, false
	}
	r := route{namespace: p[3], repo: strings.ReplaceAll(p[5], "$", "/")}
	ops := map[string]string{
		"POST sync_images": "CreateManualImageSyncRepo", "GET sync_job": "ShowSyncJob",
		"POST sync_repo": "CreateImageSyncRepo", "GET sync_repo": "ListImageAutoSyncReposDetails",
		"DELETE sync_repo": "DeleteImageSyncRepo", "GET tags": "ListRepositoryTags",
	}
	r.op = ops[method+" "+p[6]]
	return r, r.op != ""
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	rt, ok := match(r.Method, r.URL.EscapedPath())
	status := s.handle(w, r, rt, ok, body)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, Request{Op: rt.op, Method: r.Method, RawPath: r.URL.EscapedPath(),
		Query: r.URL.RawQuery, Header: r.Header.Clone(), Body: body, Status: status})
}

func (s *Server) handle(w http.ResponseWriter, r *http.Request, rt route, ok bool, body []byte) int {
	p := r.Header.Get("X-Project-Id")
	if status := answers.Gate(w, r, body, ok, s.cfg.AK, s.cfg.SK, s.cfg.Clock, p == "" || p == s.cfg.ProjectID); status != 0 {
		return status
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		return writeErr(w, http.StatusBadRequest, "SVCSTG.SWR.4000001", "Content-Type must be application/json")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if status, ok := s.failures.Answer(w, answers, rt.op); ok {
		return status
	}
	switch rt.op {
	case "ListSyncRegions":
		return s.listRegions(w)
	case "CreateNamespace":
		return s.createNamespace(w, body)
	case "CreateRepo":
		return s.createRepo(w, rt, body)
	case "ListReposDetails":
		return s.listRepos(w, r.URL.Query())
	}
	tags, exists := s.repos[rt.namespace+"/"+rt.repo]
	if !exists {
		return writeErr(w, http.StatusNotFound, "SVCSTG.SWR.4040002", "the organization or repository was not found")
	}
	switch rt.op {
	case "CreateManualImageSyncRepo":
		return s.createJobs(w, rt, tags, body)
	case "ShowSyncJob":
		return s.showJobs(w, rt, r.URL.Query())
	case "CreateImageSyncRepo":
		return s.createRule(w, rt, body)
	case "ListImageAutoSyncReposDetails":
		return s.listRules(w, rt)
	case "ListRepositoryTags":
		return s.listTags(w, rt, r.URL.Query())
	}
	return s.deleteRule(w, rt, body)
}

func (s *Server) listRegions(w http.ResponseWriter) int {
	out := []map[string]string{}
	for _, id := range s.cfg.Regions {
		out = append(out, map[string]string{"regionID": id})
	}
	return writeJSON(w, http.StatusOK, out)
}

func writeJSON(w http.ResponseWriter, status int, v any) int { return answers.JSON(w, status, v) }

func writeRaw(w http.ResponseWriter, status int, body string) int {
	return answers.Raw(w, status, body)
}

func writeErr(w http.ResponseWriter, status int, code, msg string) int {
	return answers.Err(w, status, code, msg)
}

// VerifySignature checks r's SDK-HMAC-SHA256 signature against one key
// pair; body is r's body, already read. It returns why the signature fails,
// or nil. It is apigwtest's: the same API gateway signs every Huawei
// service.
func VerifySignature(r *http.Request, body []byte, ak, sk string, now time.Time) error {
	return apigwtest.VerifySignature(r, body, ak, sk, now)
}

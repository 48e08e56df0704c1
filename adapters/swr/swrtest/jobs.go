package swrtest

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"time"
)

// job is one manual sync job. Its status advances each time ShowSyncJob
// lists it: waiting on the first listing, running on the second, then
// success (existed when the target already had the tag and override is
// off; failed when the target namespace does not exist).
type job struct {
	ID               int32  `json:"id"`
	Namespace        string `json:"namespace"`
	RepoName         string `json:"repoName"`
	Tag              string `json:"tag"`
	RemoteRegionID   string `json:"remoteRegionId"`
	RemoteNamespace  string `json:"remoteNamespace"`
	Override         bool   `json:"override"`
	Status           string `json:"status"`
	CreatedAt        string `json:"createdAt"`
	UpdatedAt        string `json:"updatedAt"`
	DomainID         string `json:"domainID"`
	DomainName       string `json:"domainName"`
	SyncOperatorID   string `json:"syncOperatorId"`
	SyncOperatorName string `json:"syncOperatorName"`
	listed           int
	fixed            bool
}

type manualBody struct {
	ImageTag        *[]string `json:"imageTag"`
	Override        *bool     `json:"override"`
	RemoteNamespace *string   `json:"remoteNamespace"`
	RemoteRegionID  *string   `json:"remoteRegionId"`
}

func (s *Server) createJobs(w http.ResponseWriter, rt route, tags []string, body []byte) int {
	var b manualBody
	if status, ok := decodeStrict(w, body, &b); !ok {
		return status
	}
	if status, bad := missing(w, map[string]bool{"imageTag": b.ImageTag != nil && len(*b.ImageTag) > 0,
		"remoteRegionId": b.RemoteRegionID != nil && *b.RemoteRegionID != "", "remoteNamespace": b.RemoteNamespace != nil && *b.RemoteNamespace != ""}); bad {
		return status
	}
	if !slices.Contains(s.cfg.Regions, *b.RemoteRegionID) {
		return writeErr(w, http.StatusBadRequest, "SVCSTG.SWR.4001003", "unsupported remote region "+*b.RemoteRegionID)
	}
	for _, tag := range *b.ImageTag {
		if tags != nil && !slices.Contains(tags, tag) {
			return writeErr(w, http.StatusNotFound, "SVCSTG.SWR.4040003", "image tag "+tag+" not found")
		}
	}
	now := s.cfg.Clock().UTC().Format(time.RFC3339)
	for _, tag := range *b.ImageTag {
		s.nextID++
		s.jobs = append(s.jobs, &job{ID: s.nextID, Namespace: rt.namespace, RepoName: rt.repo, Tag: tag,
			RemoteRegionID: *b.RemoteRegionID, RemoteNamespace: *b.RemoteNamespace, Override: b.Override != nil && *b.Override,
			Status: "waiting", CreatedAt: now, UpdatedAt: now, DomainID: "d0", DomainName: "swrtest"})
	}
	return writeJSON(w, http.StatusOK, []string{})
}

var filterPattern = regexp.MustCompile(`^limit::([0-9]+)\|offset::([0-9]+)(?:\|order::(desc|asc))?$`)

func (s *Server) showJobs(w http.ResponseWriter, rt route, q map[string][]string) int {
	m := filterPattern.FindStringSubmatch(first(q["filter"]))
	if m == nil {
		return writeErr(w, http.StatusBadRequest, "SVCSTG.SWR.4001004", "filter must be limit::{limit}|offset::{offset}[|order::{desc|asc}]")
	}
	limit, _ := strconv.Atoi(m[1])
	offset, _ := strconv.Atoi(m[2])
	var all []*job
	for _, j := range s.jobs {
		if j.Namespace == rt.namespace && j.RepoName == rt.repo {
			all = append(all, j)
		}
	}
	if m[3] != "asc" {
		slices.Reverse(all)
	}
	page := []*job{}
	for i := offset; i < len(all) && i < offset+limit; i++ {
		s.advance(all[i])
		page = append(page, all[i])
	}
	w.Header().Set("Content-Range", fmt.Sprintf("%d-%d/%d", offset, offset+len(page)-1, len(all)))
	return writeJSON(w, http.StatusOK, page)
}

func (s *Server) advance(j *job) {
	j.listed++
	if j.fixed || j.listed == 1 {
		return
	}
	switch j.Status {
	case "waiting":
		j.Status = "running"
	case "running":
		j.Status = s.outcome(j)
	default:
		return
	}
	j.UpdatedAt = s.cfg.Clock().UTC().Format(time.RFC3339)
}

func (s *Server) outcome(j *job) string {
	if !s.remoteNS[j.RemoteRegionID+"/"+j.RemoteNamespace] {
		return "failed"
	}
	for _, o := range s.jobs {
		if o != j && o.Status == "success" && o.Tag == j.Tag && o.RepoName == j.RepoName &&
			o.RemoteRegionID == j.RemoteRegionID && o.RemoteNamespace == j.RemoteNamespace && !j.Override {
			return "existed"
		}
	}
	return "success"
}

func first(v []string) string {
	if len(v) == 0 {
		return ""
	}
	return v[0]
}

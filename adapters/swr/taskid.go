package swr

import (
	"strconv"
	"strings"

	"github.com/imagesync/imagesync/core"
)

// taskID names one SWR sync job so that Task can find it again through
// ShowSyncJob, which lists the jobs of one source repository:
//
//	swr:<region>:<namespace>:<repository, '/' as '$'>:<tag>:<target region>:<target namespace>:<created unix>:<job id>
//
// The job id is SWR's numeric id, or 0 when SWR had not listed the job yet;
// then the job of that tag and target created nearest the time is meant.
// No part holds a ':' (the names rules forbid it).
type taskID struct {
	Region, Namespace, Repository, Tag string
	RemoteRegion, RemoteNamespace      string
	Created                            int64
	JobID                              int64
}

func (id taskID) String() string {
	return strings.Join([]string{core.EngineSWR, id.Region, id.Namespace, pathRepo(id.Repository), id.Tag,
		id.RemoteRegion, id.RemoteNamespace, strconv.FormatInt(id.Created, 10), strconv.FormatInt(id.JobID, 10)}, ":")
}

func parseTaskID(s string) (taskID, error) {
	p := strings.Split(s, ":")
	bad := &core.ValidationError{Fields: []core.FieldError{{Field: "id", Reason: "swr task ids look like " +
		"swr:<region>:<namespace>:<repository>:<tag>:<target region>:<target namespace>:<created>:<job id>"}}}
	if len(p) != 9 || p[0] != core.EngineSWR {
		return taskID{}, bad
	}
	created, err1 := strconv.ParseInt(p[7], 10, 64)
	job, err2 := strconv.ParseInt(p[8], 10, 64)
	if err1 != nil || err2 != nil {
		return taskID{}, bad
	}
	id := taskID{Region: p[1], Namespace: p[2], Repository: unpathRepo(p[3]), Tag: p[4],
		RemoteRegion: p[5], RemoteNamespace: p[6], Created: created, JobID: job}
	v := &core.ValidationError{}
	v.Add("id.region", core.CheckHuaweiRegion(id.Region))
	v.Add("id.namespace", core.CheckSWRNamespace(id.Namespace))
	v.Add("id.repository", core.CheckSWRRepository(id.Repository))
	v.Add("id.tag", core.CheckTag(id.Tag))
	return id, v.Err()
}

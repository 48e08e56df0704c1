package acr

import (
	"encoding/json"
	"strconv"
)

// SyncTask is one sync task in the shape ListRepoSyncTask and
// GetRepoSyncTask answer with (seed 002), every documented field kept.
type SyncTask struct {
	SyncTaskID          string `json:"SyncTaskId"`
	SyncBatchTaskID     string `json:"SyncBatchTaskId"` // the SyncRecordId filter
	SyncRuleID          string `json:"SyncRuleId"`
	TaskStatus          string `json:"TaskStatus"` // PENDING, SYNCHRONIZING, SUCCESS, ERROR, CANCELED
	TaskIssue           string `json:"TaskIssue"`  // why it failed, e.g. NETWORK_ERROR
	TaskTrigger         string `json:"TaskTrigger"`
	CreateTime          int64  `json:"CreateTime"`  // epoch milliseconds
	ModifedTime         int64  `json:"ModifedTime"` // sic: the API's spelling
	CrossUser           bool   `json:"CrossUser"`
	SyncTransAccelerate bool   `json:"SyncTransAccelerate"`
	CustomLink          bool   `json:"CustomLink"`
	Progress            int64  `json:"Progress"`   // GetRepoSyncTask only
	SyncedSize          int64  `json:"SyncedSize"` // GetRepoSyncTask only, bytes
	ImageFrom           Image  `json:"ImageFrom"`
	ImageTo             Image  `json:"ImageTo"`
}

// Image is one side of a sync task.
type Image struct {
	RegionID          string `json:"RegionId"`
	InstanceID        string `json:"InstanceId"`
	RepoNamespaceName string `json:"RepoNamespaceName"`
	RepoName          string `json:"RepoName"`
	ImageTag          string `json:"ImageTag"`
}

// taskList is the ListRepoSyncTask answer.
type taskList struct {
	PageNo     flexInt    `json:"PageNo"`
	PageSize   flexInt    `json:"PageSize"`
	TotalCount flexInt    `json:"TotalCount"`
	SyncTasks  []SyncTask `json:"SyncTasks"`
}

// SyncRule is one rule in the ListRepoSyncRule answer.
type SyncRule struct {
	SyncRuleID          string `json:"SyncRuleId"`
	SyncRuleName        string `json:"SyncRuleName"`
	SyncScope           string `json:"SyncScope"`   // REPO or NAMESPACE
	SyncTrigger         string `json:"SyncTrigger"` // PASSIVE or INITIATIVE
	SyncDirection       string `json:"SyncDirection"`
	TagFilter           string `json:"TagFilter"`
	LocalRegionID       string `json:"LocalRegionId"`
	LocalInstanceID     string `json:"LocalInstanceId"`
	LocalNamespaceName  string `json:"LocalNamespaceName"`
	LocalRepoName       string `json:"LocalRepoName"`
	TargetRegionID      string `json:"TargetRegionId"`
	TargetInstanceID    string `json:"TargetInstanceId"`
	TargetNamespaceName string `json:"TargetNamespaceName"`
	TargetRepoName      string `json:"TargetRepoName"`
	TargetUserID        string `json:"TargetUserId"`
	CreateTime          int64  `json:"CreateTime"`
	ModifiedTime        int64  `json:"ModifiedTime"`
}

type ruleList struct {
	TotalCount flexInt    `json:"TotalCount"`
	SyncRules  []SyncRule `json:"SyncRules"`
}

// flexInt decodes a number the API sends either as 1 or as "1" (the
// documentation types ListRepoSyncTask's TotalCount as a string).
type flexInt int

func (n *flexInt) UnmarshalJSON(b []byte) error {
	var s string
	if len(b) > 0 && b[0] == '"' {
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		if s == "" {
			*n = 0
			return nil
		}
		v, err := strconv.Atoi(s)
		*n = flexInt(v)
		return err
	}
	var v int
	err := json.Unmarshal(b, &v)
	*n = flexInt(v)
	return err
}

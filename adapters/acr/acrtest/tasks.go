package acrtest

// Task is a sync task as the emulator holds it.
type Task struct {
	SyncTaskID, SyncBatchTaskID, SyncRuleID string
	Status, Issue, Trigger                  string // PENDING, SYNCHRONIZING, SUCCESS, ERROR, CANCELED
	RepoID                                  string
	From, To                                Image
	TargetUserID                            string
	Override                                bool
	CreateTime, ModifiedTime                int64
}

// Image is one side of a task (ImageFrom / ImageTo).
type Image struct {
	RegionID, InstanceID, Namespace, Repo, Tag string
}

var createTaskRequired = []string{"InstanceId", "RepoId", "Tag", "TargetInstanceId", "TargetNamespace",
	"TargetRegionId", "TargetRepoName", "TargetTag"}

// Tasks returns a copy of every task, oldest first.
func (s *Server) Tasks() []Task {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Task, len(s.tasks))
	for i, t := range s.tasks {
		out[i] = *t
	}
	return out
}

// SetTaskStatus sets a task's TaskStatus and TaskIssue; it reports whether
// the task exists.
func (s *Server) SetTaskStatus(id, status, issue string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range s.tasks {
		if t.SyncTaskID == id {
			t.Status, t.Issue, t.ModifiedTime = status, issue, s.now().UnixMilli()
			return true
		}
	}
	return false
}

func (s *Server) createTask(p params) (map[string]any, *apiError) {
	r := s.repoByID(p["InstanceId"], p["RepoId"])
	if r == nil {
		return nil, business("REPO_NOT_EXIST", "repository "+p["RepoId"]+" does not exist")
	}
	if _, ok := s.instances[p["TargetInstanceId"]]; !ok && p["TargetUserId"] == "" {
		return nil, business("INSTANCE_NOT_EXIST", "target instance "+p["TargetInstanceId"]+" does not exist")
	}
	if v := p["Override"]; v != "" && v != "true" && v != "false" {
		return nil, &apiError{status: 400, code: "InvalidParameter", msg: "Override must be true or false"}
	}
	t := s.addTask(r, p["Tag"], Image{RegionID: p["TargetRegionId"], InstanceID: p["TargetInstanceId"],
		Namespace: p["TargetNamespace"], Repo: p["TargetRepoName"], Tag: p["TargetTag"]})
	t.TargetUserID, t.Override = p["TargetUserId"], p["Override"] == "true"
	return map[string]any{"SyncTaskId": t.SyncTaskID}, nil
}

func (s *Server) addTask(r *Repository, tag string, to Image) *Task {
	now := s.now().UnixMilli()
	t := &Task{SyncTaskID: s.nextID("rst-"), SyncBatchTaskID: s.nextID("batch-"), Status: "PENDING",
		Trigger: "INITIATIVE", RepoID: r.RepoID, To: to, CreateTime: now, ModifiedTime: now,
		From: Image{RegionID: s.instances[r.Instance], InstanceID: r.Instance, Namespace: r.Namespace, Repo: r.Name, Tag: tag}}
	s.tasks = append(s.tasks, t)
	return t
}

func (s *Server) listTasks(p params) (map[string]any, *apiError) {
	no, size, err := p.page()
	if err != nil {
		return nil, err
	}
	var match []*Task
	for i := len(s.tasks) - 1; i >= 0; i-- { // newest first
		t := s.tasks[i]
		if t.From.InstanceID == p["InstanceId"] && want(p["RepoNamespaceName"], t.From.Namespace) &&
			want(p["RepoName"], t.From.Repo) && want(p["Tag"], t.From.Tag) && want(p["SyncRecordId"], t.SyncBatchTaskID) {
			match = append(match, t)
		}
	}
	lo, hi := window(len(match), no, size)
	items := make([]map[string]any, 0, hi-lo)
	for _, t := range match[lo:hi] {
		items = append(items, s.show(t))
	}
	return map[string]any{"PageNo": no, "PageSize": size, "TotalCount": len(match), "SyncTasks": items}, nil
}

func want(filter, v string) bool { return filter == "" || filter == v }

func (s *Server) getTask(p params) (map[string]any, *apiError) {
	for _, t := range s.tasks {
		if t.SyncTaskID == p["SyncTaskId"] && t.From.InstanceID == p["InstanceId"] {
			body := s.show(t)
			body["Progress"], body["SyncedSize"], body["LayerTasks"] = 0, 0, []any{}
			return body, nil
		}
	}
	return nil, business("SYNC_TASK_NOT_EXIST", "sync task "+p["SyncTaskId"]+" does not exist")
}

// show renders a task in the seed's shape, then lets it advance one step.
func (s *Server) show(t *Task) map[string]any {
	body := map[string]any{
		"SyncTaskId": t.SyncTaskID, "SyncBatchTaskId": t.SyncBatchTaskID, "SyncRuleId": t.SyncRuleID,
		"TaskStatus": t.Status, "TaskTrigger": t.Trigger, "CreateTime": t.CreateTime, "ModifedTime": t.ModifiedTime,
		"CrossUser": t.TargetUserID != "", "SyncTransAccelerate": false, "CustomLink": false,
		"ImageFrom": t.From.wire(), "ImageTo": t.To.wire(),
	}
	if t.Issue != "" {
		body["TaskIssue"] = t.Issue
	}
	if s.progress {
		next := map[string]string{"PENDING": "SYNCHRONIZING", "SYNCHRONIZING": "SUCCESS"}[t.Status]
		if next != "" {
			t.Status, t.ModifiedTime = next, s.now().UnixMilli()
		}
	}
	return body
}

func (i Image) wire() map[string]any {
	return map[string]any{"RegionId": i.RegionID, "InstanceId": i.InstanceID, "RepoNamespaceName": i.Namespace,
		"RepoName": i.Repo, "ImageTag": i.Tag}
}

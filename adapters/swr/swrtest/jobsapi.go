package swrtest

import "time"

// Job is a sync job as a test sees or plants it.
type Job struct {
	ID              int32
	Namespace       string
	Repository      string
	Tag             string
	RemoteRegion    string
	RemoteNamespace string
	Override        bool
	Status          string
	CreatedAt       time.Time
}

// Jobs returns every job, oldest first.
func (s *Server) Jobs() []Job {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Job, 0, len(s.jobs))
	for _, j := range s.jobs {
		created, _ := time.Parse(time.RFC3339, j.CreatedAt)
		out = append(out, Job{ID: j.ID, Namespace: j.Namespace, Repository: j.RepoName, Tag: j.Tag,
			RemoteRegion: j.RemoteRegionID, RemoteNamespace: j.RemoteNamespace, Override: j.Override,
			Status: j.Status, CreatedAt: created})
	}
	return out
}

// AddJob plants a job as if it had been made earlier (CreatedAt zero: now)
// and returns its id. Its status stays as given.
func (s *Server) AddJob(j Job) int32 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if j.CreatedAt.IsZero() {
		j.CreatedAt = s.cfg.Clock()
	}
	at := j.CreatedAt.UTC().Format(time.RFC3339)
	s.nextID++
	s.jobs = append(s.jobs, &job{ID: s.nextID, Namespace: j.Namespace, RepoName: j.Repository, Tag: j.Tag,
		RemoteRegionID: j.RemoteRegion, RemoteNamespace: j.RemoteNamespace, Override: j.Override,
		Status: j.Status, CreatedAt: at, UpdatedAt: at, fixed: true})
	return s.nextID
}

// SetJobStatus pins a job's status; it no longer advances.
func (s *Server) SetJobStatus(id int32, status string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, j := range s.jobs {
		if j.ID == id {
			j.Status, j.fixed = status, true
		}
	}
}

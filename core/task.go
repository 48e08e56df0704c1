package core

import (
	"crypto/rand"
	"encoding/hex"
	"time"
)

// TaskStatus is where a sync task stands. Every provider's status maps onto
// one of these; the provider's own word is kept in Task.ProviderStatus.
type TaskStatus string

const (
	StatusPending  TaskStatus = "PENDING"
	StatusSyncing  TaskStatus = "SYNCING"
	StatusSuccess  TaskStatus = "SUCCESS"
	StatusFailed   TaskStatus = "FAILED"
	StatusCanceled TaskStatus = "CANCELED"
)

// Terminal reports whether the status is final.
func (s TaskStatus) Terminal() bool {
	return s == StatusSuccess || s == StatusFailed || s == StatusCanceled
}

// Task is one sync, done or under way. Its ID starts with the engine's name
// and a colon ("registry:…", "acr:…"), so that a query finds its engine.
type Task struct {
	ID             string     `json:"id"`
	Engine         string     `json:"engine"`
	Status         TaskStatus `json:"status"`
	ProviderStatus string     `json:"providerStatus,omitempty"` // the engine's own word, e.g. SYNCING, waiting
	Issue          string     `json:"issue,omitempty"`          // the engine's reason, e.g. NETWORK_ERROR
	Source         Endpoint   `json:"source"`
	Target         Endpoint   `json:"target"`
	Digest         string     `json:"digest,omitempty"`  // the digest now at the target
	Skipped        bool       `json:"skipped,omitempty"` // the target already held it
	DryRun         bool       `json:"dryRun,omitempty"`
	Override       bool       `json:"override,omitempty"`
	Bytes          int64      `json:"bytes,omitempty"` // bytes copied through this process
	CreatedAt      time.Time  `json:"createdAt"`
	UpdatedAt      time.Time  `json:"updatedAt"`
	Error          *TaskError `json:"error,omitempty"`
	After          []Task     `json:"after,omitempty"` // follow-up steps, e.g. hss
}

// TaskError is why a task failed, in the API's error vocabulary.
type TaskError struct {
	Kind    string `json:"kind"`
	Message string `json:"message"`
}

// TaskQuery selects tasks of one engine. Zero fields do not filter.
type TaskQuery struct {
	Engine     string
	Region     string
	Instance   string
	Namespace  string
	Repository string
	Tag        string
	Status     TaskStatus
	Page       int // from 1
	PageSize   int
}

// TaskPage is one page of a task query.
type TaskPage struct {
	Tasks    []Task `json:"tasks"`
	Page     int    `json:"page"`
	PageSize int    `json:"pageSize"`
	Total    int    `json:"total"`
}

// randomID is the engine-local part of a task id: 96 random bits.
func randomID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

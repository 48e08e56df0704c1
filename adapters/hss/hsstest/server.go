package hsstest

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/imagesync/imagesync/adapters/internal/huaweicloud/apigwtest"
	"github.com/imagesync/imagesync/core"
)

// The key pair and project the emulator accepts unless told otherwise. They
// are test values, not secrets.
const (
	TestAK        = "IMAGESYNCHSSTESTAK00"
	TestSK        = "imagesync-hss-test-sk-0123456789abcdef"
	TestProjectID = "fedcba9876543210fedcba9876543210"
)

// Config describes the HSS region a Server plays.
type Config struct {
	AK, SK     string             // default TestAK, TestSK
	ProjectID  string             // the only project (default TestProjectID)
	Region     string             // the "region" header required (default cn-north-4)
	Registries []core.HSSRegistry // the registries HSS knows; nil: any
	Clock      func() time.Time   // default time.Now
}

// Server is an in-memory HSS v5 image-sync API, served over loopback.
type Server struct {
	*httptest.Server
	cfg Config

	mu       sync.Mutex
	tasks    []Task
	requests []Request
	failures apigwtest.Failures
}

// Task is one accepted CreateImageSynchronizeTask call.
type Task struct {
	Project, Region, EnterpriseProject string
	All                                bool
	Registries                         []core.HSSRegistry
}

// Request is one call received.
type Request struct {
	Method, RawPath, Query string
	Header                 http.Header
	Body                   []byte
	Status                 int
}

// New starts a Server; Close it when done.
func New(cfg Config) *Server {
	if cfg.AK == "" && cfg.SK == "" {
		cfg.AK, cfg.SK = TestAK, TestSK
	}
	if cfg.ProjectID == "" {
		cfg.ProjectID = TestProjectID
	}
	if cfg.Region == "" {
		cfg.Region = "cn-north-4"
	}
	if cfg.Clock == nil {
		cfg.Clock = time.Now
	}
	s := &Server{cfg: cfg, failures: newFailures()}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// Tasks returns the accepted tasks.
func (s *Server) Tasks() []Task {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Task(nil), s.tasks...)
}

// Requests returns every call received.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	status := s.handle(w, r, body)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, Request{Method: r.Method, RawPath: r.URL.EscapedPath(), Query: r.URL.RawQuery,
		Header: r.Header.Clone(), Body: body, Status: status})
}

func (s *Server) handle(w http.ResponseWriter, r *http.Request, body []byte) int {
	p := strings.Split(strings.TrimPrefix(r.URL.EscapedPath(), "/"), "/")
	known := r.Method == http.MethodPost && len(p) == 5 && p[0] == "v5" && p[2] == "image" && p[3] == "image-sync" && p[4] == "tasks"
	projectOK := known && r.Header.Get("X-Project-Id") == p[1] && p[1] == s.cfg.ProjectID
	if status := answers.Gate(w, r, body, known, s.cfg.AK, s.cfg.SK, s.cfg.Clock, projectOK); status != 0 {
		return status
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if status, ok := s.failures.Answer(w, answers, "CreateImageSynchronizeTask"); ok {
		return status
	}
	if got := r.Header.Get("region"); got != s.cfg.Region {
		return writeErr(w, http.StatusBadRequest, "HSS.0001", fmt.Sprintf("region header must be %s, got %q", s.cfg.Region, got))
	}
	return s.createTask(w, r, p[1], body)
}

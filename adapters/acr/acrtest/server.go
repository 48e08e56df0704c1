package acrtest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"
)

// The access key every new Server accepts.
const (
	TestAccessKeyID     = "LTAI-test-key-id"
	TestAccessKeySecret = "test-secret-do-not-leak"
)

// Server is a running emulator. Point the SDK (or the acr engine's endpoint)
// at its URL.
type Server struct {
	*httptest.Server

	mu         sync.Mutex
	keys       map[string]accessKey
	nonces     map[string]bool
	instances  map[string]string // instance id -> region
	namespaces map[string]bool   // "instance/namespace"
	repos      []*Repository
	tags       map[string]map[string]time.Time // RepoId -> tag -> pushed (SetTags)
	names      map[string]string               // instance id -> name (SetInstanceName)
	tasks      []*Task
	rules      []*Rule
	faults     []*Fault
	calls      []Call
	progress   bool
	seq        int
	now        func() time.Time
}

type accessKey struct{ secret, token string }

// Call is one authenticated request, signature parameters removed. Fault
// is the code of the injected fault it was answered with, if any.
type Call struct {
	Action string
	Params map[string]string
	Fault  string
}

// New starts an emulator on a loopback port. Close it when done.
func New() *Server {
	s := &Server{
		keys:       map[string]accessKey{TestAccessKeyID: {secret: TestAccessKeySecret}},
		nonces:     map[string]bool{},
		instances:  map[string]string{},
		namespaces: map[string]bool{},
		progress:   true,
		now:        time.Now,
	}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// AddAccessKey registers another access key; a non-empty token makes it an
// STS key whose requests must carry that SecurityToken.
func (s *Server) AddAccessKey(id, secret, token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys[id] = accessKey{secret: secret, token: token}
}

// AddInstance registers an ACR EE instance in a region.
func (s *Server) AddInstance(region, instance string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.instances[instance] = region
}

// SetProgress switches the automatic advance of tasks on or off.
func (s *Server) SetProgress(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.progress = on
}

// Calls returns the authenticated requests of one action ("" for all),
// oldest first, including those answered with an injected fault.
func (s *Server) Calls(action string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if action == "" || c.Action == action {
			out = append(out, c)
		}
	}
	return out
}

// nextID returns a fresh id with the given prefix. Callers hold mu.
func (s *Server) nextID(prefix string) string {
	s.seq++
	return fmt.Sprintf("%s%012d", prefix, s.seq)
}

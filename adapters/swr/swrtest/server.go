package swrtest

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/imagesync/imagesync/adapters/internal/huaweicloud/apigwtest"
)

// The key pair the emulator accepts unless told otherwise. They are test
// values, not secrets.
const (
	TestAK        = "IMAGESYNCTESTAK00000"
	TestSK        = "imagesync-test-sk-0123456789abcdefghij"
	TestProjectID = "0123456789abcdef0123456789abcdef"
)

// Config describes the SWR region a Server plays.
type Config struct {
	AK, SK    string           // the only key pair accepted (default TestAK, TestSK)
	ProjectID string           // when set, a sent X-Project-Id must equal it (default TestProjectID)
	Region    string           // the region this server is (default cn-north-4)
	Regions   []string         // where it can sync to (default cn-east-3, cn-south-1)
	Clock     func() time.Time // default time.Now
}

// Server is an in-memory SWR v2 API for one region, served over loopback.
// It is safe for concurrent use.
type Server struct {
	*httptest.Server
	cfg Config

	mu       sync.Mutex
	repos    map[string][]string // "ns/repo" -> tags (nil: any tag)
	remoteNS map[string]bool     // "region/ns"
	ns       map[string]bool     // namespaces of this region (besides those of repos)
	jobs     []*job
	rules    map[string][]*rule              // "ns/repo"
	pushed   map[string]map[string]time.Time // "ns/repo" -> tag -> updated (SetTagTimes)
	failures apigwtest.Failures
	requests []Request
	nextID   int32
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
	if cfg.Regions == nil {
		cfg.Regions = []string{"cn-east-3", "cn-south-1"}
	}
	if cfg.Clock == nil {
		cfg.Clock = time.Now
	}
	s := &Server{cfg: cfg, failures: newFailures(), repos: map[string][]string{}, remoteNS: map[string]bool{}, ns: map[string]bool{}, rules: map[string][]*rule{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// AddRepository makes namespace/repository exist, with the given tags (none
// given: any tag exists).
func (s *Server) AddRepository(namespace, repository string, tags ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.repos[namespace+"/"+repository] = tags
}

// AddRemoteNamespace makes a namespace exist in another region; jobs to a
// namespace that does not exist end failed.
func (s *Server) AddRemoteNamespace(region, namespace string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.remoteNS[region+"/"+namespace] = true
}

// Request is one call the server received.
type Request struct {
	Op      string // e.g. CreateManualImageSyncRepo
	Method  string
	RawPath string // as sent, e.g. /v2/manage/namespaces/ns1/repos/group$app/sync_images
	Query   string
	Header  http.Header
	Body    []byte
	Status  int
}

// Requests returns the calls received so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

package platformtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
)

// TickTime is when the deployed-artifact tests' timer ticks: the job "due"
// (03:00 UTC) falls in the minute before it, "later" (04:30 UTC) does not.
var TickTime = time.Date(2026, 12, 8, 3, 0, 0, 0, time.UTC)

// Deploy is what every platform's deployed-artifact test shares: two
// docker-registries on loopback addresses fixed for the test binary, so
// that the configuration naming them (Config) can be built into the
// artifact once, and started empty by each test.
type Deploy struct {
	Src, Dst string // host:port
}

// NewDeploy picks two free loopback addresses.
func NewDeploy() *Deploy {
	return &Deploy{Src: freeAddr(), Dst: freeAddr()}
}

func freeAddr() string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic("platformtest: no free loopback port: " + err.Error())
	}
	defer ln.Close()
	return ln.Addr().String()
}

// Config is the imagesync.yaml the artifacts bundle: a push rule that
// mirrors Src's team/** to Dst's mirror/..., and two jobs, "due" at 03:00
// UTC and "later" at 04:30 UTC, each copying Src's jobs/<name> to Dst.
func (d *Deploy) Config() string {
	return strings.NewReplacer("SRC", d.Src, "DST", d.Dst).Replace(`# the platform authenticates callers (Function URL aws_iam, FC authType
# function, APIG, Cloud Functions IAM)
auth: {mode: none}
onPush:
  - name: mirror
    match: {registry: "SRC", repository: "team/**"}
    targets: [{image: "DST/mirror/${path}:${tag}"}]
jobs:
  - name: due
    schedule: "0 3 * * *"
    sources: ["SRC/jobs/due"]
    targets: [{image: "DST/jobs/due:${tag}"}]
  - name: later
    schedule: "30 4 * * *"
    sources: ["SRC/jobs/later"]
    targets: [{image: "DST/jobs/later:${tag}"}]
`)
}

// Start starts both registries, empty, until the test ends; Src sends its
// CNCF distribution notifications to a sink that Push reads.
func (d *Deploy) Start(t testing.TB) *Notifications {
	t.Helper()
	n := &Notifications{arrived: make(chan struct{}, 1)}
	sink := httptest.NewServer(http.HandlerFunc(n.collect))
	t.Cleanup(sink.Close)
	registrytest.DistributionAt(t, d.Src, fmt.Sprintf(`notifications:
  endpoints:
    - name: sink
      url: %s/events
      timeout: 5s
      threshold: 5
      backoff: 1s
`, sink.URL))
	registrytest.DistributionAt(t, d.Dst, "")
	return n
}

// Notifications are the notification bodies Src sent.
type Notifications struct {
	mu      sync.Mutex
	bodies  []string
	arrived chan struct{}
}

func (n *Notifications) collect(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	n.mu.Lock()
	n.bodies = append(n.bodies, string(b))
	n.mu.Unlock()
	select {
	case n.arrived <- struct{}{}:
	default:
	}
}

// Push pushes an index of two platforms to Src's repo:tag and returns its
// digest and the notification Src sent of it (the one naming the tag),
// waiting up to 30 s for it.
func (d *Deploy) Push(t testing.TB, n *Notifications, repoTag string) (digest, notification string) {
	t.Helper()
	digest = registrytest.PushIndex(t, d.Src+"/"+repoTag, 4<<10, 1, 2)
	repo, tag, _ := strings.Cut(repoTag, ":")
	deadline := time.After(30 * time.Second)
	for {
		n.mu.Lock()
		for _, b := range n.bodies {
			if names(b, repo, tag) {
				n.mu.Unlock()
				return digest, b
			}
		}
		n.mu.Unlock()
		select {
		case <-n.arrived:
		case <-deadline:
			t.Fatalf("no notification of %s within 30s", repoTag)
		}
	}
}

// PushJob pushes an index to Src's jobs/<job>:v1 and returns its digest.
func (d *Deploy) PushJob(t testing.TB, job string) string {
	t.Helper()
	return registrytest.PushIndex(t, d.Src+"/jobs/"+job+":v1", 4<<10, 1, 2)
}

// At is the digest of Dst's repoTag, "" when there is none.
func (d *Deploy) At(t testing.TB, repoTag string) string {
	t.Helper()
	return registrytest.Digest(t, d.Dst+"/"+repoTag)
}

// NotificationType is the content type docker-registry sends its
// notifications with.
const NotificationType = "application/vnd.docker.distribution.events.v1+json"

// names reports whether a notification body holds the push of repo:tag.
func names(body, repo, tag string) bool {
	var env struct {
		Events []struct {
			Action string
			Target struct{ Repository, Tag string }
		}
	}
	if json.Unmarshal([]byte(body), &env) != nil {
		return false
	}
	for _, e := range env.Events {
		if e.Action == "push" && e.Target.Repository == repo && e.Target.Tag == tag {
			return true
		}
	}
	return false
}

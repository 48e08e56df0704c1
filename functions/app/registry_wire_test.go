package app_test

import (
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// watched is an in-memory registry that records the User-Agent of every
// request and the most blob reads it served at once (each is held 100 ms
// before it is answered, so that reads made at once overlap).
type watched struct {
	host   string
	mu     sync.Mutex
	agents map[string]bool
	now    int
	most   int
}

func newWatched(t *testing.T) *watched {
	w := &watched{agents: map[string]bool{}}
	reg := registry.New(registry.Logger(log.New(io.Discard, "", 0)))
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		upload := strings.Contains(r.URL.Path, "/blobs/sha256:") && r.Method == http.MethodGet
		w.mu.Lock()
		w.agents[r.UserAgent()] = true
		if upload {
			w.now++
			w.most = max(w.most, w.now)
		}
		w.mu.Unlock()
		if upload {
			time.Sleep(100 * time.Millisecond)
			defer func() { w.mu.Lock(); w.now--; w.mu.Unlock() }()
		}
		reg.ServeHTTP(rw, r)
	}))
	t.Cleanup(srv.Close)
	w.host = strings.TrimPrefix(srv.URL, "http://")
	return w
}

func (w *watched) sawAgent(part string) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	for a := range w.agents {
		if strings.Contains(a, part) {
			return true
		}
	}
	return false
}

// TestRegistryEngineKeysWired: registry.userAgent is the User-Agent the
// registries see, and registry.jobs bounds the blobs streaming at once
// (1: the source never serves two blob reads together; 4: they overlap),
// read by app.New.
func TestRegistryEngineKeysWired(t *testing.T) {
	most := map[int]int{}
	for _, jobs := range []int{1, 4} {
		src, dst := newWatched(t), registrytest.InMemory(t)
		registrytest.PushIndex(t, src.host+"/team/app:v1", 4<<10, 4, 2)
		a := newApp(t, fmt.Sprintf("auth: {mode: none}\nregistry: {jobs: %d, userAgent: mirror-bot-%d}\n", jobs, jobs))
		status, out := post(t, a.HTTP, "/v1/syncs", `{"source":{"image":"`+src.host+`/team/app:v1"},"target":{"image":"`+dst+`/team/app:v1"}}`)
		require.Equal(t, http.StatusOK, status, out)
		assert.True(t, src.sawAgent(fmt.Sprintf("mirror-bot-%d", jobs)), "%v", src.agents)
		most[jobs] = src.most
	}
	assert.Equal(t, 1, most[1], "registry.jobs: 1")
	assert.Greater(t, most[4], 1, "registry.jobs: 4")
}

// TestReferrersWired: registry.referrers copies what points at the image
// (here a cosign signature tag, sha256-<hex>.sig) along with it; without
// it only the image is copied.
func TestReferrersWired(t *testing.T) {
	src := registrytest.InMemory(t)
	digest := registrytest.PushIndex(t, src+"/team/app:v1", 512, 1, 1)
	sig := "sha256-" + strings.TrimPrefix(digest, "sha256:") + ".sig"
	registrytest.PushIndex(t, src+"/team/app:"+sig, 256, 1, 1)
	for referrers, copied := range map[string]bool{"true": true, "false": false} {
		dst := registrytest.InMemory(t)
		a := newApp(t, "auth: {mode: none}\nregistry: {referrers: "+referrers+"}\n")
		status, out := post(t, a.HTTP, "/v1/syncs", `{"source":{"image":"`+src+`/team/app:v1"},"target":{"image":"`+dst+`/team/app:v1"}}`)
		require.Equal(t, http.StatusOK, status, out)
		assert.Equal(t, copied, registrytest.Digest(t, dst+"/team/app:"+sig) != "", "referrers: %s", referrers)
	}
}

// TestCredentialHelperWired: registry.credentials[].helper logs in to a
// registry that requires a password through a docker credential helper
// on PATH, read by app.New.
func TestCredentialHelperWired(t *testing.T) {
	const pass = "helper-s3cret-0123"
	src, locked := registrytest.InMemory(t), registrytest.DistributionBasicAuth(t, "robot", pass, "")
	want := registrytest.PushIndex(t, src+"/team/app:v1", 512, 1, 1)
	dir := t.TempDir()
	script := fmt.Sprintf("#!/bin/sh\nread -r server\n[ \"$1\" = get ] && [ \"$server\" = %q ] || exit 1\n"+
		"printf '{\"ServerURL\":\"%%s\",\"Username\":\"robot\",\"Secret\":\"%%s\"}' \"$server\" %q\n", locked, pass)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "docker-credential-wired"), []byte(script), 0o755))
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	body := `{"source":{"image":"` + src + `/team/app:v1"},"target":{"image":"` + locked + `/team/app:v1"}}`

	without := newApp(t, "auth: {mode: none}\n")
	status, out := post(t, without.HTTP, "/v1/syncs", body)
	assert.Equal(t, http.StatusUnauthorized, status, out)

	a := newApp(t, "auth: {mode: none}\nregistry:\n  credentials: [{host: \""+locked+"\", helper: wired}]\n")
	status, out = post(t, a.HTTP, "/v1/syncs", body)
	require.Equal(t, http.StatusOK, status, out)
	assert.Contains(t, out, want)
}

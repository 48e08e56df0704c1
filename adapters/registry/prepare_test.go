package registry_test

import (
	"context"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/registry"
	"github.com/imagesync/imagesync/adapters/acr"
	"github.com/imagesync/imagesync/adapters/acr/acrtest"
	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var repoPath = regexp.MustCompile(`^/v2/(.+)/(blobs|manifests)/`)

// gatedRegistry is an in-memory registry that, like ACR EE without
// auto-created repositories, answers NAME_UNKNOWN for a repository that
// known does not report.
func gatedRegistry(t *testing.T, known func(repo string) bool) string {
	t.Helper()
	inner := registry.New(registry.Logger(log.New(io.Discard, "", 0)))
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if m := repoPath.FindStringSubmatch(r.URL.Path); m != nil && !known(m[1]) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			_, _ = io.WriteString(w, `{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry"}]}`)
			return
		}
		inner.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return strings.TrimPrefix(s.URL, "http://")
}

func TestPrepareACRTargetThroughEmulator(t *testing.T) {
	const region, instance = "cn-hangzhou", "cri-ibxs3piklys3"
	emu := acrtest.New()
	t.Cleanup(emu.Close)
	emu.AddInstance(region, instance)
	acrEngine, err := acr.New(acr.Config{Endpoint: emu.URL, RetryBase: time.Millisecond, RetryMax: time.Millisecond},
		acr.WithCredentials(acr.StaticCredentials(acr.Credentials{
			AccessKeyID: acrtest.TestAccessKeyID, AccessKeySecret: acrtest.TestAccessKeySecret})))
	require.NoError(t, err)
	dst := gatedRegistry(t, func(repo string) bool {
		ns, name, _ := strings.Cut(repo, "/")
		return emu.HasRepository(instance, ns, name)
	})
	src := newRegistry(t)
	want := pushImage(t, src+"/team/app:v1")
	target := core.Endpoint{Engine: core.EngineACR, Region: region, Instance: instance, Namespace: "newns", Repository: "app"}
	req := core.SyncRequest{Source: core.Endpoint{Image: src + "/team/app:v1"}, Target: target}
	hosts := reg.Hosts{core.EngineACR: reg.StaticHosts(map[string]string{instance: dst})}

	plain, err := reg.New(reg.WithResolver(hosts))
	require.NoError(t, err)
	_, err = plain.Sync(context.Background(), req)
	require.ErrorIs(t, err, core.ErrNotFound, "without a preparer the missing repository fails the copy")

	e, err := reg.New(reg.WithResolver(hosts), reg.WithPreparer(reg.Preparers{core.EngineACR: acrEngine}))
	require.NoError(t, err)
	task, err := e.Sync(context.Background(), req)
	require.NoError(t, err)
	assert.Equal(t, want.String(), task.Digest)
	assert.Equal(t, want.String(), digestOf(t, dst+"/newns/app:v1"))
	assert.Len(t, emu.Calls("CreateNamespace"), 1)

	_, err = e.Sync(context.Background(), req)
	require.NoError(t, err)
	assert.Len(t, emu.Calls("CreateRepository"), 2, "prepared once: the next sync finds the repository")
}

type countingPreparer struct {
	calls int
	err   error
}

func (p *countingPreparer) Prepare(context.Context, core.Endpoint) error { p.calls++; return p.err }

func TestPrepareNotForPlainTargetsNorDryRuns(t *testing.T) {
	dst := gatedRegistry(t, func(string) bool { return false })
	src := newRegistry(t)
	pushImage(t, src+"/team/app:v1")
	p := &countingPreparer{err: core.Errorf(core.ErrForbidden, "no")}
	hosts := reg.Hosts{core.EngineACR: reg.StaticHosts(map[string]string{"cri-x": dst})}
	e, err := reg.New(reg.WithResolver(hosts), reg.WithPreparer(p))
	require.NoError(t, err)
	source := core.Endpoint{Image: src + "/team/app:v1"}

	_, err = e.Sync(context.Background(), core.SyncRequest{Source: source, Target: core.Endpoint{Image: dst + "/ns/app"}})
	assert.ErrorIs(t, err, core.ErrNotFound)
	assert.Zero(t, p.calls, "plain image targets are never prepared")

	acrTarget := core.Endpoint{Engine: core.EngineACR, Region: "cn-hangzhou", Instance: "cri-x", Namespace: "ns", Repository: "app"}
	_, err = e.Sync(context.Background(), core.SyncRequest{Source: source, Target: acrTarget})
	assert.ErrorIs(t, err, core.ErrForbidden, "the preparer's failure is reported")
	assert.Equal(t, 1, p.calls)
}

package registry_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/imagesync/imagesync/core"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// blobBytes sums the config and layer sizes of the image at ref.
func blobBytes(t *testing.T, ref string) int64 {
	t.Helper()
	r, err := name.ParseReference(ref)
	require.NoError(t, err)
	img, err := remote.Image(r)
	require.NoError(t, err)
	m, err := img.Manifest()
	require.NoError(t, err)
	n := m.Config.Size
	for _, l := range m.Layers {
		n += l.Size
	}
	return n
}

// Task.Bytes is what moved: blobs the target had are not counted; a dry
// run counts, by HEADing the target, exactly what the copy then moves.
func TestBytesAreWhatMoves(t *testing.T) {
	a, b := registrytest.InMemory(t), registrytest.InMemory(t)
	registrytest.PushPlatforms(t, a+"/app:v1", 4096, "linux/amd64", "linux/arm64")
	r, _ := name.ParseReference(a + "/app:v1")
	idx, err := remote.Index(r)
	require.NoError(t, err)
	im, err := idx.IndexManifest()
	require.NoError(t, err)
	first := a + "/app@" + im.Manifests[0].Digest.String()
	second := a + "/app@" + im.Manifests[1].Digest.String()
	e, err := reg.New()
	require.NoError(t, err)

	task, err := sync(t, e, first, b+"/app", false, false)
	require.NoError(t, err)
	assert.Equal(t, blobBytes(t, first), task.Bytes)

	dry, err := sync(t, e, a+"/app:v1", b+"/app", false, true)
	require.NoError(t, err)
	assert.Equal(t, blobBytes(t, second), dry.Bytes, "only the missing platform would move")
	assert.Empty(t, registrytest.Digest(t, b+"/app:v1"))

	task, err = sync(t, e, a+"/app:v1", b+"/app", false, false)
	require.NoError(t, err)
	assert.Equal(t, dry.Bytes, task.Bytes)

	task, err = sync(t, e, b+"/app:v1", b+"/copy", false, false)
	require.NoError(t, err)
	assert.Zero(t, task.Bytes, "within one registry nothing moves")
}

// slowBlobs proxies to upstream, holding every blob download for d.
func slowBlobs(t *testing.T, upstream string, d time.Duration) string {
	u, _ := url.Parse("http://" + upstream)
	rp := httputil.NewSingleHostReverseProxy(u)
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/blobs/") {
			time.Sleep(d)
		}
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return strings.TrimPrefix(s.URL, "http://")
}

// A long copy logs progress lines with the digest and no credential.
func TestProgressLines(t *testing.T) {
	a, b := registrytest.InMemory(t), registrytest.InMemory(t)
	want := registrytest.PushIndex(t, a+"/app:v1", 2048, 2, 2)
	p := registrytest.NewAuthProxy(t, slowBlobs(t, a, 40*time.Millisecond), "robot", secret, true)
	var logs bytes.Buffer
	kc := reg.StaticKeychain([]reg.Credential{{Host: p.Host, Username: "robot", PasswordEnv: "PW"}},
		env(map[string]string{"PW": secret}))
	e, err := reg.New(reg.WithKeychain(kc), reg.WithJobs(2), reg.WithProgress(10*time.Millisecond),
		reg.WithLogger(slog.New(slog.NewJSONHandler(&logs, nil))))
	require.NoError(t, err)
	_, err = e.Sync(context.Background(), core.SyncRequest{Source: core.Endpoint{Image: p.Host + "/app:v1"},
		Target: core.Endpoint{Image: b + "/app"}})
	require.NoError(t, err)
	out := logs.String()
	assert.Contains(t, out, `"msg":"copying"`)
	assert.Contains(t, out, `"digest":"`+want+`"`)
	assert.Contains(t, out, `"bytesDone":`)
	assert.NotContains(t, out, secret)
	assert.NotContains(t, strings.ToLower(out), "authorization")
}

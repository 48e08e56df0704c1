package registry_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/types"
	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// servedAs proxies upstream and rewrites the Content-Type of manifest
// answers with as(the registry's own).
func servedAs(t *testing.T, upstream string, as func(string) string) string {
	return proxy(t, upstream, func(w http.ResponseWriter, r *http.Request, next http.Handler) {
		if strings.Contains(r.URL.Path, "/manifests/") {
			w = &typedWriter{ResponseWriter: w, as: as}
		}
		next.ServeHTTP(w, r)
	})
}

type typedWriter struct {
	http.ResponseWriter
	as func(string) string
}

func (w *typedWriter) WriteHeader(code int) {
	w.Header().Set("Content-Type", w.as(w.Header().Get("Content-Type")))
	w.ResponseWriter.WriteHeader(code)
}

// A manifest's media type is its Content-Type without parameters; when a
// registry serves manifests as plain JSON, the manifest's own mediaType
// names it. Either way an index is seen as one (here: filtered by
// platform) and the target gets the right media types.
func TestManifestMediaTypes(t *testing.T) {
	for kind, as := range map[string]func(string) string{
		"with a charset": func(ct string) string { return ct + "; charset=utf-8" },
		"as plain JSON":  func(string) string { return "application/json" },
	} {
		t.Run(kind, func(t *testing.T) {
			a, b := registrytest.InMemory(t), registrytest.InMemory(t)
			registrytest.PushPlatforms(t, a+"/app:v1", 1024, "linux/amd64", "linux/arm64")
			e, err := reg.New(reg.WithPlatforms("linux/amd64"))
			require.NoError(t, err)
			task, err := e.Sync(t.Context(), copyReq(servedAs(t, a, as)+"/app:v1", b+"/app:v1"))
			require.NoError(t, err)
			assert.Equal(t, "PLATFORMS_FILTERED", task.ProviderStatus)

			ref, err := name.ParseReference(b + "/app:v1")
			require.NoError(t, err)
			idx, err := remote.Index(ref)
			require.NoError(t, err)
			mt, err := idx.MediaType()
			require.NoError(t, err)
			assert.Equal(t, types.OCIImageIndex, mt)
			im, err := idx.IndexManifest()
			require.NoError(t, err)
			require.Len(t, im.Manifests, 1)
			d, err := remote.Head(ref.Context().Digest(im.Manifests[0].Digest.String()))
			require.NoError(t, err)
			assert.Equal(t, im.Manifests[0].MediaType, d.MediaType)
		})
	}
}

// A registry whose manifest HEADs carry no Docker-Content-Digest, or that
// refuses HEAD, is asked with a GET: copies work, and the next sync finds
// the target up to date.
func TestManifestHeadFallbacks(t *testing.T) {
	for kind, head := range map[string]func(w http.ResponseWriter, r *http.Request, next http.Handler){
		"no digest header": func(w http.ResponseWriter, r *http.Request, next http.Handler) {
			next.ServeHTTP(&typedWriter{ResponseWriter: w, as: func(ct string) string {
				w.Header().Del("Docker-Content-Digest")
				return ct
			}}, r)
		},
		"HEAD refused": func(w http.ResponseWriter, r *http.Request, next http.Handler) {
			http.Error(w, "", http.StatusMethodNotAllowed)
		},
	} {
		t.Run(kind, func(t *testing.T) {
			a, b := registrytest.InMemory(t), registrytest.InMemory(t)
			want := registrytest.PushIndex(t, a+"/app:v1", 1024, 1, 2)
			odd := func(upstream string) string {
				return proxy(t, upstream, func(w http.ResponseWriter, r *http.Request, next http.Handler) {
					if r.Method == http.MethodHead && strings.Contains(r.URL.Path, "/manifests/") {
						head(w, r, next)
						return
					}
					next.ServeHTTP(w, r)
				})
			}
			src, dst := odd(a), odd(b)
			e, err := reg.New()
			require.NoError(t, err)
			task, err := e.Sync(t.Context(), copyReq(src+"/app:v1", dst+"/app:v1"))
			require.NoError(t, err)
			assert.Equal(t, want, task.Digest)
			assert.Equal(t, want, registrytest.Digest(t, b+"/app:v1"))
			task, err = e.Sync(t.Context(), copyReq(src+"/app:v1", dst+"/app:v1"))
			require.NoError(t, err)
			assert.True(t, task.Skipped)
		})
	}
}

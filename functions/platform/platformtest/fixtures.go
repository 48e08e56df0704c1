package platformtest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
	"github.com/stretchr/testify/require"
)

// Testdata is the content of testdata/name.
func Testdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// Events is an EventFunc's stand-in: Func records the body it is given
// and answers {"outcome":"ok"} with Err.
type Events struct {
	Body []byte
	Err  error
}

// Func is the EventFunc.
func (e *Events) Func(_ context.Context, body []byte, _ map[string]string) (any, error) {
	e.Body = body
	return map[string]string{"outcome": "ok"}, e.Err
}

// Sync is an image index pushed to an in-memory registry, and the body of
// a POST /v1/syncs that copies it to another.
type Sync struct {
	Body   string // the request
	Digest string // the pushed index's
	Target string // where Body copies it to
}

// NewSync pushes team/app:v1 (an index of 2 platforms' images, 2 layers
// of 4 KiB each)
// and names mirror/app:v1 in the other registry as its target.
func NewSync(t testing.TB) Sync {
	t.Helper()
	src, dst := registrytest.InMemory(t), registrytest.InMemory(t)
	s := Sync{Digest: registrytest.PushIndex(t, src+"/team/app:v1", 4096, 2, 2), Target: dst + "/mirror/app:v1"}
	s.Body = fmt.Sprintf(`{"source":{"image":"%s/team/app:v1"},"target":{"image":"%s"}}`, src, s.Target)
	return s
}

// Copied is the digest found at the target.
func (s Sync) Copied(t testing.TB) string {
	t.Helper()
	return registrytest.Digest(t, s.Target)
}

package registrytest

import (
	"testing"

	"github.com/google/go-containerregistry/pkg/v1/random"
)

// PushTree pushes one small random image (an index of one image of one
// 256-byte layer) to host/path:tag for every path, and returns its
// digest: a registry of many repositories, cheaply.
func PushTree(t testing.TB, host, tag string, paths ...string) string {
	t.Helper()
	idx, err := random.Index(256, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	var d string
	for _, p := range paths {
		d = writeIndex(t, host+"/"+p+":"+tag, idx)
	}
	return d
}

package registrytest

import (
	"fmt"
	"sync"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// PushTree pushes one small random image (an index of one image of one
// 256-byte layer) to host/path:tag for every path, eight at a time, and
// returns its digest: a registry of many repositories, cheaply.
func PushTree(t testing.TB, host, tag string, paths ...string) string {
	t.Helper()
	idx, err := random.Index(256, 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	d, err := idx.Digest()
	if err != nil {
		t.Fatal(err)
	}
	work := make(chan string)
	errs := make(chan error, len(paths))
	var wg sync.WaitGroup
	for range min(8, len(paths)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				errs <- pushIndex(host+"/"+p+":"+tag, idx)
			}
		}()
	}
	for _, p := range paths {
		work <- p
	}
	close(work)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	return d.String()
}

// pushIndex writes idx to ref.
func pushIndex(ref string, idx v1.ImageIndex) error {
	r, err := name.ParseReference(ref)
	if err != nil {
		return err
	}
	if err := remote.WriteIndex(r, idx); err != nil {
		return fmt.Errorf("push %s: %w", ref, err)
	}
	return nil
}

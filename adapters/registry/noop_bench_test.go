package registry_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/google/go-containerregistry/pkg/crane"
	reg "github.com/imagesync/imagesync/adapters/registry"
)

// BenchmarkNoopSync200Tags re-syncs 200 tags the target already holds,
// in process, one after another: imagesync (one manifest HEAD per side per
// tag, one client per registry) against crane.Copy (a GET and a HEAD per
// tag, a new token exchange per copy). ns/op is for all 200 tags.
func BenchmarkNoopSync200Tags(b *testing.B) {
	const tags = 200
	e, err := reg.New()
	if err != nil {
		b.Fatal(err)
	}
	src, dst := noopFixture(b, tags, func(src, dst, tag string) {
		if _, err := e.Sync(context.Background(), copyReq(src+"/noop/app:"+tag, dst+"/noop/app")); err != nil {
			b.Fatal(err)
		}
	})
	b.Run("imagesync", func(b *testing.B) {
		for b.Loop() {
			for i := range tags {
				task, err := e.Sync(context.Background(), copyReq(fmt.Sprintf("%s/noop/app:t%d", src, i), dst+"/noop/app"))
				if err != nil || !task.Skipped {
					b.Fatalf("tag %d: skipped=%v err=%v", i, task.Skipped, err)
				}
			}
		}
	})
	b.Run("crane", func(b *testing.B) {
		for b.Loop() {
			for i := range tags {
				tag := fmt.Sprintf("/noop/app:t%d", i)
				if err := crane.Copy(src+tag, dst+tag); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

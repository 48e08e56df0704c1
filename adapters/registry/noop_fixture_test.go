package registry_test

import (
	"fmt"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
)

// noopFixture starts two docker-registry processes, tags one small index
// t0 … t<tags-1> in src/noop/app and lets place put each tag at the target;
// it returns the two hosts.
func noopFixture(b *testing.B, tags int, place func(src, dst, tag string)) (src, dst string) {
	b.Helper()
	src, dst = registrytest.Distribution(b, ""), registrytest.Distribution(b, "")
	registrytest.PushIndex(b, src+"/noop/app:t0", 1024, 1, 2)
	first, err := name.ParseReference(src + "/noop/app:t0")
	if err != nil {
		b.Fatal(err)
	}
	desc, err := remote.Get(first)
	if err != nil {
		b.Fatal(err)
	}
	for i := range tags {
		tag := fmt.Sprintf("t%d", i)
		if err := remote.Tag(first.Context().Tag(tag), desc); err != nil {
			b.Fatal(err)
		}
		place(src, dst, tag)
	}
	return src, dst
}

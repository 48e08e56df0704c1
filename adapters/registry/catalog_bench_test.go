package registry_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/adapters/registry/registrytest"
)

// BenchmarkCatalog130 times the listing behind a team/** job: a
// docker-registry holding 130 repositories under team/ and 5 under
// other/, listed under team with one page of up to 1000 (the default),
// with pages of 10 the client asks for (n=10), and from a registry that
// caps its pages at 10 (it refuses n=1000; the engine then pages at the
// registry's size). The engine, and so its login, is reused across
// iterations, as within a process.
func BenchmarkCatalog130(b *testing.B) {
	repos := make([]string, 0, 135)
	for i := range 130 {
		repos = append(repos, fmt.Sprintf("team/app%03d", i))
	}
	for i := range 5 {
		repos = append(repos, fmt.Sprintf("other/app%d", i))
	}
	for _, c := range []struct {
		name, yaml string
		page       int
	}{
		{"n=1000", "", reg.DefaultCatalogPageSize},
		{"n=10", "", 10},
		{"registry-capped-at-10", "catalog:\n  maxentries: 10\n", reg.DefaultCatalogPageSize},
	} {
		b.Run(c.name, func(b *testing.B) {
			host := registrytest.Distribution(b, c.yaml)
			registrytest.PushTree(b, host, "v1", repos...)
			rt := &countingRT{path: "/v2/_catalog", next: http.DefaultTransport}
			e, err := reg.New(reg.WithCatalogPageSize(c.page), reg.WithTransport(rt))
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			n := 0
			for b.Loop() {
				l, err := e.ListRepositories(ctx, host, "team")
				if err != nil || len(l.Repositories) != 130 {
					b.Fatalf("listed %d repositories: %v", len(l.Repositories), err)
				}
				n++
			}
			b.ReportMetric(float64(rt.n.Load())/float64(n), "pages/op")
		})
	}
}

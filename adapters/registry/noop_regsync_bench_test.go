package registry_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
)

// BenchmarkNoopProcess200Tags re-syncs 200 tags the target already holds,
// each copier as a fresh process (start, credentials, connections
// included): imagesync's engine syncing t0 … t199 one after another,
// 1 and 4 tags at a time (a job's default concurrency is 4), against
// `regsync once` (parallel 1, its default, and 4) with one repository sync
// allowing the same 200 tags (regsync lists the tags, then HEADs each
// manifest on both sides).
// Rounds are interleaved; ns/op is the median for all 200 tags.
func BenchmarkNoopProcess200Tags(b *testing.B) {
	const tags = 200
	src, dst := noopFixture(b, tags, func(src, dst, tag string) {
		registrytest.Copy(b, src+"/noop/app:"+tag, dst+"/noop/app:"+tag)
	})
	src, dst = far(b, src), far(b, dst)
	copier, cli := build(b, "./registrytest/benchcopy"), build(b, "../../functions/local")
	var ps []peer
	for _, conc := range []int{1, 4} {
		ps = append(ps, peer{name: fmt.Sprintf("imagesync-c%d", conc),
			env:  []string{fmt.Sprintf("IMAGESYNC_BENCH_TAGS=%d", tags), fmt.Sprintf("IMAGESYNC_BENCH_CONC=%d", conc)},
			argv: func(s, d string) []string { return []string{copier, "imagesync", s, d} }})
	}
	// The product: `imagesync sync REPO REPO --include ...`, a job run once
	// (it lists the source's tags, then HEADs each tag on both sides).
	for _, conc := range []string{"4", "8"} {
		ps = append(ps, peer{name: "imagesync-cli-c" + conc, env: []string{"IMAGESYNC_LOG_LEVEL=warn"},
			argv: func(s, d string) []string {
				return []string{cli, "sync", s, d, "--include", "t[0-9]+", "--concurrency", conc, "--progress=false"}
			}})
	}
	for _, par := range []int{1, 4} {
		p := look("regsync")
		if p == "" {
			break
		}
		cfg := filepath.Join(b.TempDir(), "regsync.yml")
		yml := fmt.Sprintf(`version: 1
defaults: {parallel: %d}
creds:
  - {registry: %q, tls: disabled}
  - {registry: %q, tls: disabled}
sync:
  - {source: "%s/noop/app", target: "%s/noop/app", type: repository, tags: {allow: ["t[0-9]+"]}}
`, par, src, dst, src, dst)
		if err := os.WriteFile(cfg, []byte(yml), 0o600); err != nil {
			b.Fatal(err)
		}
		ps = append(ps, peer{name: fmt.Sprintf("regsync-p%d", par), env: []string{"HOME=" + b.TempDir()},
			argv: func(string, string) []string { return []string{p, "once", "-c", cfg, "-v", "warn"} }})
	}
	ps = selected(ps)
	results := make([][]result, len(ps))
	for round := range benchRuns() {
		for k := range ps {
			i := (k + round) % len(ps)
			results[i] = append(results[i], ps[i].run(b, src+"/noop/app", dst+"/noop/app"))
		}
	}
	for i, p := range ps {
		report(b, p.name, results[i], 0)
	}
}

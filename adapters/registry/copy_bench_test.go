package registry_test

import (
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
)

// benchRuns is how many timed runs each peer gets (IMAGESYNC_BENCH_RUNS,
// default 5); the median is reported as ns/op.
func benchRuns() int {
	if n, err := strconv.Atoi(os.Getenv("IMAGESYNC_BENCH_RUNS")); err == nil && n > 0 {
		return n
	}
	return 5
}

// BenchmarkColdCopy copies a 2-platform index of 4 × 32 MiB layers per
// platform (256 MiB) between two docker-registry processes on loopback,
// with imagesync and each installed peer as a process, the target's
// storage wiped before every run. Metrics: median wall time (ns/op),
// peak RSS of the copier (peak-RSS-MiB) and throughput (MiB/s).
func BenchmarkColdCopy(b *testing.B) {
	const layer, layers, archs = 32 << 20, 4, 2
	src := registrytest.Distribution(b, "")
	dst, data := registrytest.DistributionDir(b, "")
	want := registrytest.PushIndex(b, src+"/bench/app:v1", layer, layers, archs)
	home := regctlHome(b, src, dst)
	for _, p := range peers(b, home) {
		b.Run(p.name, func(b *testing.B) {
			var times []time.Duration
			var rss int64
			for i := range benchRuns() {
				if err := os.RemoveAll(data); err != nil {
					b.Fatal(err)
				}
				target := fmt.Sprintf("%s/cold/%s%d:v1", dst, p.name, i)
				took, peak := p.run(b, src+"/bench/app:v1", target)
				if got := registrytest.Digest(b, target); got != want {
					b.Fatalf("%s: target digest %q, want %q", p.name, got, want)
				}
				times, rss = append(times, took), max(rss, peak)
			}
			med := median(times)
			b.ReportMetric(float64(med.Nanoseconds()), "ns/op")
			b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MiB")
			b.ReportMetric(float64(layer*layers*archs)/(1<<20)/med.Seconds(), "MiB/s")
		})
	}
}

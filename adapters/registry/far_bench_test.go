package registry_test

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/imagesync/imagesync/adapters/registry/registrytest"
)

// farLinks are the links BenchmarkFarSource plays between the source and
// the copiers: IMAGESYNC_BENCH_LINKS, comma-separated RTT/MB-per-second
// pairs (default "40ms/25,10ms/100": a continent away at 25 MB/s per
// connection, and a neighbouring region at 100 MB/s).
func farLinks(b *testing.B) []registrytest.Shape {
	spec := os.Getenv("IMAGESYNC_BENCH_LINKS")
	if spec == "" {
		spec = "40ms/25,10ms/100"
	}
	var out []registrytest.Shape
	for _, l := range strings.Split(spec, ",") {
		rtt, mbps, _ := strings.Cut(l, "/")
		d, err := time.ParseDuration(rtt)
		n, err2 := strconv.ParseFloat(mbps, 64)
		if err != nil || err2 != nil {
			b.Fatalf("IMAGESYNC_BENCH_LINKS: %q is not RTT/MBps", l)
		}
		out = append(out, registrytest.Shape{RTT: d, Rate: int64(n * 1e6)})
	}
	return out
}

// BenchmarkFarSource copies from a docker-registry behind a ShapeProxy
// (every request held one RTT, a new connection two; each connection's
// bodies capped at the link's rate) to a docker-registry on loopback:
// (a) one 256 MiB layer, (b) a 2-platform index of 12 × 2 MiB layers
// each, (c) one 1 GiB layer (the memory figure). Peers are imagesync's
// engine with defaults (benchcopy), the crane CLI, regctl and skopeo
// (IMAGESYNC_BENCH_PEERS; the 1 GiB layer defaults to imagesync and the
// crane CLI), 3 interleaved rounds (IMAGESYNC_BENCH_RUNS), cold targets.
// max-src-x is the most bytes the proxy sent in one run over the image's.
func BenchmarkFarSource(b *testing.B) {
	for _, l := range farLinks(b) {
		link := fmt.Sprintf("%s-%gMBps", l.RTT, float64(l.Rate)/1e6)
		b.Run(link+"/256MiB", func(b *testing.B) { farCopy(b, l, 256<<20, 1, 1, "") })
		b.Run(link+"/2x12x2MiB", func(b *testing.B) { farCopy(b, l, 2<<20, 12, 2, "") })
		b.Run(link+"/1GiB", func(b *testing.B) { farCopy(b, l, 1<<30, 1, 1, "imagesync|crane-cli") })
	}
}

func farCopy(b *testing.B, shape registrytest.Shape, layer int64, layers, archs int, peersByDefault string) {
	src := registrytest.Distribution(b, "")
	dst, data := registrytest.DistributionDir(b, "")
	want := registrytest.PushIndex(b, src+"/bench/app:v1", layer, layers, archs)
	p := registrytest.NewShapeProxy(b, src, shape)
	runtime.GC()
	debug.FreeOSMemory()
	if os.Getenv("IMAGESYNC_BENCH_PEERS") == "" {
		if peersByDefault == "" {
			peersByDefault = "imagesync|crane-cli|regctl|skopeo"
		}
		b.Setenv("IMAGESYNC_BENCH_PEERS", peersByDefault)
	}
	ps := selected(peers(b, regctlHome(b, p.Host, dst)))
	rounds := 3
	if n, err := strconv.Atoi(os.Getenv("IMAGESYNC_BENCH_RUNS")); err == nil && n > 0 {
		rounds = n
	}
	results := make([][]result, len(ps))
	for round := range rounds {
		for k := range ps {
			i := (k + round) % len(ps)
			if err := os.RemoveAll(data); err != nil {
				b.Fatal(err)
			}
			syscall.Sync()
			target := fmt.Sprintf("%s/far/%s%d:v1", dst, ps[i].name, round)
			before := p.Counters().BlobBytes
			r := ps[i].run(b, p.Host+"/bench/app:v1", target)
			r.fetched = p.Counters().BlobBytes - before
			results[i] = append(results[i], r)
			if got := registrytest.Digest(b, target); got != want {
				b.Fatalf("%s: target digest %q, want %q", ps[i].name, got, want)
			}
		}
	}
	for i, p := range ps {
		report(b, p.name, results[i], layer*int64(layers*archs))
	}
}

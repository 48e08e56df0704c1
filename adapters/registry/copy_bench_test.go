package registry_test

import (
	"fmt"
	"os"
	"regexp"
	"runtime"
	"runtime/debug"
	"strconv"
	"syscall"
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

// selected keeps the peers IMAGESYNC_BENCH_PEERS (a regexp) names; all
// when it is unset.
func selected(ps []peer) []peer {
	re, err := regexp.Compile("^(?:" + os.Getenv("IMAGESYNC_BENCH_PEERS") + ")$")
	if err != nil || os.Getenv("IMAGESYNC_BENCH_PEERS") == "" {
		return ps
	}
	var out []peer
	for _, p := range ps {
		if re.MatchString(p.name) {
			out = append(out, p)
		}
	}
	return out
}

// BenchmarkColdCopy copies a 2-platform index of 4 × 32 MiB layers per
// platform (256 MiB) between two docker-registry processes on loopback,
// with imagesync and each installed peer as a process. Runs are
// interleaved (round i runs every peer, in a rotating order); before every
// run the target's storage is wiped and the page cache written back
// (sync), so that every copy is cold and no run pays for another's I/O.
func BenchmarkColdCopy(b *testing.B) { coldCopy(b, 32<<20, 4, 2) }

// BenchmarkOneLayer measures peak RSS against layer size: one image of a
// single 64 MiB, then 512 MiB layer. Streaming keeps it flat.
func BenchmarkOneLayer(b *testing.B) {
	for _, mib := range []int64{64, 512} {
		b.Run(fmt.Sprintf("%dMiB", mib), func(b *testing.B) { coldCopy(b, mib<<20, 1, 1) })
	}
}

// far puts host behind a DelayProxy of IMAGESYNC_BENCH_RTT (e.g. 10ms),
// when set: every request then pays one round trip, as across regions.
func far(b *testing.B, host string) string {
	rtt, err := time.ParseDuration(os.Getenv("IMAGESYNC_BENCH_RTT"))
	if err != nil || rtt <= 0 {
		return host
	}
	return registrytest.DelayProxy(b, host, rtt)
}

func coldCopy(b *testing.B, layer int64, layers, archs int) {
	src := registrytest.Distribution(b, "")
	dst, data := registrytest.DistributionDir(b, "")
	want := registrytest.PushIndex(b, src+"/bench/app:v1", layer, layers, archs)
	src, dst = far(b, src), far(b, dst)
	runtime.GC()
	debug.FreeOSMemory()
	ps := selected(peers(b, regctlHome(b, src, dst)))
	results := make([][]result, len(ps))
	for round := range benchRuns() {
		for k := range ps {
			i := (k + round) % len(ps)
			if err := os.RemoveAll(data); err != nil {
				b.Fatal(err)
			}
			syscall.Sync()
			target := fmt.Sprintf("%s/cold/%s%d:v1", dst, ps[i].name, round)
			results[i] = append(results[i], ps[i].run(b, src+"/bench/app:v1", target))
			if got := registrytest.Digest(b, target); got != want {
				b.Fatalf("%s: target digest %q, want %q", ps[i].name, got, want)
			}
		}
	}
	for i, p := range ps {
		report(b, p.name, results[i], layer*int64(layers*archs))
	}
}

// Command benchcopy is the benchmarks' one-shot copier: "benchcopy
// imagesync SRC DST" copies with the registry engine, "benchcopy crane SRC
// DST" with the go-containerregistry library. It links nothing else, so
// that its peak RSS is the engine's and not that of a test binary's
// dependencies. IMAGESYNC_BENCH_JOBS sets imagesync's jobs. With
// IMAGESYNC_BENCH_TAGS=N, SRC and DST are repositories and imagesync syncs
// their tags t0 … tN-1 with one engine, IMAGESYNC_BENCH_CONC (default 1)
// at a time, as a job's tag set does with its concurrency (the no-op bench).
// IMAGESYNC_BENCH_CPUPROFILE=FILE writes a CPU profile of the copy.
package main

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"strconv"

	"github.com/google/go-containerregistry/pkg/crane"
	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/core"
	"golang.org/x/sync/errgroup"
)

func main() {
	if path := os.Getenv("IMAGESYNC_BENCH_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err == nil && pprof.StartCPUProfile(f) == nil {
			defer pprof.StopCPUProfile()
		}
	}
	if err := run(os.Args[1:]); err != nil {
		pprof.StopCPUProfile()
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) != 3 {
		return fmt.Errorf("usage: benchcopy imagesync|crane SRC DST")
	}
	switch args[0] {
	case "imagesync":
		var opts []reg.Option
		if n, err := strconv.Atoi(os.Getenv("IMAGESYNC_BENCH_JOBS")); err == nil {
			opts = append(opts, reg.WithJobs(n))
		}
		e, err := reg.New(opts...)
		if err != nil {
			return err
		}
		tags, _ := strconv.Atoi(os.Getenv("IMAGESYNC_BENCH_TAGS"))
		if tags == 0 {
			return sync(e, args[1], args[2])
		}
		var g errgroup.Group
		g.SetLimit(1)
		if n, err := strconv.Atoi(os.Getenv("IMAGESYNC_BENCH_CONC")); err == nil && n > 0 {
			g.SetLimit(n)
		}
		for i := range tags {
			tag := fmt.Sprintf(":t%d", i)
			g.Go(func() error { return sync(e, args[1]+tag, args[2]+tag) })
		}
		return g.Wait()
	case "crane":
		return crane.Copy(args[1], args[2])
	}
	return fmt.Errorf("benchcopy: unknown tool %q", args[0])
}

func sync(e *reg.Engine, src, dst string) error {
	_, err := e.Sync(context.Background(), core.SyncRequest{
		Source: core.Endpoint{Image: src}, Target: core.Endpoint{Image: dst}})
	return err
}

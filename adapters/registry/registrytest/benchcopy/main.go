// Command benchcopy is the benchmarks' one-shot copier: "benchcopy
// imagesync SRC DST" copies with the registry engine, "benchcopy crane SRC
// DST" with the go-containerregistry library. It links nothing else, so
// that its peak RSS is the engine's and not that of a test binary's
// dependencies. IMAGESYNC_BENCH_JOBS sets imagesync's jobs.
package main

import (
	"context"
	"fmt"
	"os"
	"strconv"

	"github.com/google/go-containerregistry/pkg/crane"
	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/core"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
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
		_, err = e.Sync(context.Background(), core.SyncRequest{
			Source: core.Endpoint{Image: args[1]}, Target: core.Endpoint{Image: args[2]}})
		return err
	case "crane":
		return crane.Copy(args[1], args[2])
	}
	return fmt.Errorf("benchcopy: unknown tool %q", args[0])
}

package registry_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/crane"
	reg "github.com/imagesync/imagesync/adapters/registry"
	"github.com/imagesync/imagesync/core"
)

// helperEnv makes the test binary a one-shot copier ("imagesync SRC DST" or
// "crane SRC DST") so that benchmarks can time it, and read its peak RSS,
// as a process beside the peers' CLIs.
const helperEnv = "IMAGESYNC_BENCH_HELPER"

func TestMain(m *testing.M) {
	if spec := os.Getenv(helperEnv); spec != "" {
		if err := runHelper(spec); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func runHelper(spec string) error {
	f := strings.Fields(spec)
	if len(f) != 3 {
		return fmt.Errorf("%s: want TOOL SRC DST, got %q", helperEnv, spec)
	}
	switch f[0] {
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
			Source: core.Endpoint{Image: f[1]}, Target: core.Endpoint{Image: f[2]}})
		return err
	case "crane":
		return crane.Copy(f[1], f[2])
	}
	return fmt.Errorf("%s: unknown tool %q", helperEnv, f[0])
}
